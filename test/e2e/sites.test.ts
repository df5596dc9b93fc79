import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationById } from '../../lib/integrations';
import type { SiteFixture } from '../fixtures/sites/types';
import { stored } from '../support/actions';
import type { Stint } from '../support/browser';
import { loadFixtures } from '../support/fixtures';
import { type Rig, startStint } from '../support/rig';

/** A test that applies to some sites only is declared for those only (declared and skipped, it would read as a skip). */
const itIf = (applies: unknown) => (applies ? it : (_name: string, _fn: () => Promise<void>) => undefined);

/**
 * Every integration on its fixture pages at the real hostname, production build, real Chromium: exactly one
 * button at the intended anchor with the right task id; still exactly one after in-page navigation; a click
 * starts a timer for that task.
 */

const fixtures: SiteFixture[] = await loadFixtures();
let rig: Rig;
let stint: Stint;

beforeAll(async () => {
  rig = await startStint({ fixtures });
  ({ stint } = rig);
});

afterAll(() => rig?.close());

const buttons = (page: Page) => page.locator('stint-button');

/** The button sits where the integration's placement puts it relative to the fixture's anchor. */
async function placedAtAnchor(page: Page, anchor: string, placement: string): Promise<boolean> {
  return page.evaluate(
    ([sel, where]) => {
      const host = document.querySelector('stint-button');
      if (!host) return false;
      const ref = where === 'after' ? host.previousElementSibling : where === 'before' ? host.nextElementSibling : host.parentElement;
      return !!ref?.matches(sel as string);
    },
    [anchor, placement],
  );
}

describe.each(fixtures.map((f) => [f.integration, f] as const))('%s', (id, fixture) => {
  const integration = integrationById(id);

  it('is a registered integration', () => {
    expect(integration, `lib/integrations/index.ts lists ${id}`).toBeDefined();
  });

  it.each(fixture.pages.map((p) => [p.url, p] as const))('%s', async (_url, p) => {
    const page = await stint.context.newPage();
    try {
      await page.goto(p.url);
      if (p.taskId === null) {
        await page.waitForTimeout(400);
        expect(await buttons(page).count()).toBe(0);
        return;
      }
      await expect.poll(() => buttons(page).count()).toBe(1);
      expect(await buttons(page).getAttribute('data-task-id')).toBe(p.taskId);
      expect(await buttons(page).getAttribute('data-integration')).toBe(id);
      if (p.anchor && integration) expect(await placedAtAnchor(page, p.anchor, integration.placement), `placed at ${p.anchor}`).toBe(true);
      if (p.navigate) {
        await page.click(p.navigate.click);
        await expect.poll(() => buttons(page).getAttribute('data-task-id')).toBe(p.navigate.taskId);
        await page.waitForTimeout(150);
        expect(await buttons(page).count()).toBe(1);
      }
    } finally {
      await page.close();
    }
  });

  const first = fixture.pages.find((p) => p.taskId !== null);
  itIf(first && fixture.meetings)('a click logs the meeting: the modal opens on its time, Save entry saves it once', async () => {
    if (!first) return;
    const page = await stint.context.newPage();
    try {
      await page.goto(first.url);
      await expect.poll(() => buttons(page).count()).toBe(1);
      await buttons(page).getByRole('button', { name: 'Log this meeting' }).click();
      const frame = page.frameLocator('iframe[title="Stint timer"]');
      expect(await frame.locator('input[name="time"]').inputValue()).toMatch(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/);
      await frame.getByRole('button', { name: 'Save entry' }).click();
      await expect.poll(() => page.locator('iframe[title="Stint timer"]').count()).toBe(0);
      const worker = await stint.worker();
      const saved = (
        await stored<{ task: { integration: string; id: string; title: string; span?: unknown } | null }[]>(worker, 'entries')
      ).filter((e) => e.task?.integration === id && e.task.id === first.taskId);
      expect(saved).toHaveLength(1);
      expect(saved[0]?.task?.span).toBeDefined();
      if (first.title !== undefined) expect(saved[0]?.task?.title).toBe(first.title);
      expect((await stored(worker, 'timer')) ?? null, 'no timer was started').toBeNull();
    } finally {
      await page.close();
    }
  });

  itIf(first && !fixture.meetings)('a click starts a timer for the task, and stops it', async () => {
    if (!first) return;
    const page = await stint.context.newPage();
    try {
      await page.goto(first.url);
      await expect.poll(() => buttons(page).count()).toBe(1);
      await buttons(page).getByRole('button').click();
      await page.frameLocator('iframe[title="Stint timer"]').getByRole('button', { name: 'Start timer' }).click();
      await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('running');
      const worker = await stint.worker();
      const timer = await stored(worker, 'timer');
      expect(timer).toMatchObject({ running: true, task: { integration: id, id: first.taskId } });
      if (first.title !== undefined) expect((timer as { task: { title: string } }).task.title).toBe(first.title);
      await buttons(page).getByRole('button').click();
      await expect.poll(() => buttons(page).getAttribute('data-state')).toBe('idle');
    } finally {
      await page.close();
    }
  });
});
