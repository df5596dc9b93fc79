import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { IdleState } from '../core/activity';
import { DEFAULT_SETTINGS } from '../core/defaults';
import * as store from '../state/store';
import { createSeen, SEEN_IDLE_SECONDS } from './seen';
import { createService, serial } from './service';
import { exportSettings } from './settings-io';

const github = { integration: 'github', id: 'o/r#1', title: 'Fix it', url: 'https://github.com/o/r/issues/1' };
const KEY = 'github:o/r#1';

beforeEach(() => fakeBrowser.reset());

/** The service with suggestions, a clock the test moves, and an idle source it sets. */
function rig() {
  let now = new Date(2026, 10, 23, 9).getTime();
  let idle: IdleState = 'active';
  const asked: number[] = [];
  const exclusive = serial();
  const seen = createSeen({
    exclusive,
    now: () => now,
    idleState: async (seconds) => {
      asked.push(seconds);
      return idle;
    },
  });
  const handle = createService({ exclusive, seen });
  const fromTab = (shown: boolean, tabId = 7, frameId = 0) =>
    handle({ type: 'task.seen', task: github, shown }, 'content-script', { tabId, frameId });
  return { handle, fromTab, asked, step: (ms: number) => (now += ms), idle: (s: IdleState) => (idle = s) };
}
const seenMs = async () => Object.values((await store.get('seen')).days).reduce((sum, d) => sum + (d[KEY]?.ms ?? 0), 0);
const turn = (on: boolean) => store.write({ kv: { settings: { ...DEFAULT_SETTINGS, suggestions: on } } });

describe('suggestions in the worker', () => {
  it('keeps nothing while the option is off (the default)', async () => {
    const r = rig();
    expect(await r.fromTab(true)).toEqual({ ok: true, data: undefined });
    r.step(20_000);
    await r.fromTab(false);
    expect(await store.get('seen')).toEqual({ days: {}, tabs: {}, until: 0 });
  });

  it('counts a task page’s shown time by its own clock, and nothing while the machine is idle or locked', async () => {
    await turn(true);
    const r = rig();
    await r.fromTab(true);
    r.step(20_000);
    await r.fromTab(true);
    expect(await seenMs()).toBe(20_000);
    r.idle('idle');
    r.step(20_000);
    await r.fromTab(true);
    r.idle('locked');
    r.step(20_000);
    await r.fromTab(false);
    expect(await seenMs()).toBe(20_000);
    expect(r.asked.every((s) => s === SEEN_IDLE_SECONDS)).toBe(true);
  });

  it('refuses a report that is not a page’s own top frame', async () => {
    await turn(true);
    const r = rig();
    expect(await r.fromTab(true, 7, 3)).toMatchObject({ ok: false });
    expect(await r.handle({ type: 'task.seen', task: github, shown: true }, 'extension-page', { tabId: 7, frameId: 0 })).toMatchObject({
      ok: false,
    });
    expect(await r.handle({ type: 'task.seen', task: github, shown: true }, 'modal', { tabId: 7, frameId: 0 })).toMatchObject({
      ok: false,
    });
    expect((await store.get('seen')).tabs).toEqual({});
  });

  it('is left out of the settings export unless asked, dismissed per day and cleared', async () => {
    await turn(true);
    const r = rig();
    await r.fromTab(true);
    r.step(90_000 / 2);
    await r.fromTab(true);
    r.step(90_000 / 2);
    await r.fromTab(false);
    expect(await seenMs()).toBe(90_000);
    expect('seen' in (await exportSettings())).toBe(false);
    const day = Object.keys((await store.get('seen')).days)[0] as string;
    expect((await exportSettings({ withSeen: true })).seen?.[day]?.[KEY]?.ms).toBe(90_000);

    expect(await r.handle({ type: 'seen.dismiss', day, key: KEY }, 'extension-page')).toMatchObject({ ok: true });
    expect((await store.get('seen')).days[day]?.[KEY]?.dismissed).toBe(true);
    expect(await r.handle({ type: 'seen.clear' }, 'content-script', { tabId: 7, frameId: 0 })).toMatchObject({ ok: false });
    expect(await r.handle({ type: 'seen.clear' }, 'extension-page')).toMatchObject({ ok: true });
    expect(await store.get('seen')).toEqual({ days: {}, tabs: {}, until: 0 });
  });
});
