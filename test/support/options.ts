import type { Page } from 'playwright-core';
import type { Stint } from './browser';

/** The options page as a user drives it (shared by the options suites). */

export async function openOptions(stint: Stint): Promise<Page> {
  const page = await stint.context.newPage();
  await page.goto(`chrome-extension://${stint.extensionId}/options.html`);
  return page;
}

/** The link form of Clockify or Toggl. */
export const linkForm = (options: Page, provider: 'clockify' | 'toggl') => options.locator(`section[data-provider="${provider}"]`);

/** Enters a key, finds the workspaces (leaves the form there: the caller checks them, then calls linkWorkspace). */
export async function findWorkspaces(options: Page, provider: 'clockify' | 'toggl', key: string) {
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

type Reply = { ok: boolean; error?: string; data?: unknown };
/** Sends a message from an extension page, as the popup or the modal would (setup steps, not the thing tested). */
export const sendFrom = (page: Page, message: unknown): Promise<Reply> =>
  page.evaluate(
    (m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<Reply> } } }).chrome.runtime.sendMessage(m),
    message,
  );
