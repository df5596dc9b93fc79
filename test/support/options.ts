import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { Stint } from './browser';

/** The options page as a user drives it (shared by the options suites). */

export async function openOptions(stint: Stint): Promise<Page> {
  const page = await stint.context.newPage();
  await page.goto(`chrome-extension://${stint.extensionId}/options.html`);
  return page;
}

/** Opens a tracker's link form from the "Add account" chooser (left open when it already is). */
export async function chooseTracker(page: Page, name: 'Harvest' | 'Clockify' | 'Toggl Track') {
  const button = page.locator('fieldset.chooser').getByRole('button', { name, exact: true });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
}

/** Shows the per-site selector fields ("Repair a site"). */
export async function openRepairs(page: Page) {
  const button = page.getByRole('button', { name: 'Repair a site' });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

/** The link form of Clockify or Toggl. */
export const linkForm = (options: Page, provider: 'clockify' | 'toggl') => options.locator(`section[data-provider="${provider}"]`);

/** Enters a key, finds the workspaces (leaves the form there: the caller checks them, then calls linkWorkspace). */
export async function findWorkspaces(options: Page, provider: 'clockify' | 'toggl', key: string) {
  await chooseTracker(options, provider === 'clockify' ? 'Clockify' : 'Toggl Track');
  const form = linkForm(options, provider);
  await form.getByLabel(provider === 'clockify' ? 'API key' : 'API token').fill(key);
  await form.getByRole('button', { name: 'Find workspaces' }).click();
  return form;
}

export async function linkWorkspace(options: Page, provider: 'clockify' | 'toggl', workspaceId: string) {
  const form = linkForm(options, provider);
  await form.locator(`select[name="${provider}-workspace"]`).selectOption(workspaceId);
  await form.getByRole('button', { name: 'Link account' }).click();
  await form.getByText(provider === 'clockify' ? 'Clockify is linked.' : 'Toggl Track is linked.').waitFor();
  return options.locator(`li.account[data-account-id="${provider}:${workspaceId}"]`);
}

/** The background's answer to a page's message (`data` where the message asks for something). */
export type Reply = { ok: boolean; error?: string; data?: unknown };
/** Sends a message from an extension page, as the popup or the modal would (setup steps, not the thing tested). */
export const sendFrom = (page: Page, message: unknown): Promise<Reply> =>
  page.evaluate(
    (m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<Reply> } } }).chrome.runtime.sendMessage(m),
    message,
  );

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page, light then dark (an empty list is a pass). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.evaluate(AXE);
    type Violation = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const { violations } = (await page.evaluate(() =>
      (globalThis as unknown as { axe: { run(d: Document, o: object): Promise<unknown> } }).axe.run(document, {
        resultTypes: ['violations'],
      }),
    )) as { violations: Violation[] };
    for (const v of violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        out.push(`${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  await page.emulateMedia({ colorScheme: null });
  return out;
}
