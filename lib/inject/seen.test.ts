import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Task } from '../core/entry';
import { HEARTBEAT_MS } from '../core/seen';
import { SUGGEST_KEY } from '../protocol/projection';
import { reportShown } from './seen';

const eng42: Task = { integration: 'jira', id: 'ENG-42', title: 'Login', url: 'https://acme.atlassian.net/browse/ENG-42' };
const eng7: Task = { integration: 'jira', id: 'ENG-7', title: 'Logout', url: 'https://acme.atlassian.net/browse/ENG-7' };

let visible = true;
let focused = true;
let sent: string[];
let abort: AbortController;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers();
  visible = true;
  focused = true;
  sent = [];
  abort = new AbortController();
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (visible ? 'visible' : 'hidden') });
  vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (m: unknown) => {
    const msg = m as { type: string; task: Task; shown: boolean };
    sent.push(`${msg.task.id}:${msg.shown ? 'shown' : 'gone'}`);
    return undefined;
  });
});
afterEach(() => {
  abort.abort();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Lets the storage read and its promise callbacks run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await vi.advanceTimersByTimeAsync(0);
};
const start = async (on: boolean, task: () => Task | null = () => eng42) => {
  await fakeBrowser.storage.local.set({ [SUGGEST_KEY]: on });
  const r = reportShown(task, abort.signal);
  await settle();
  return r;
};
const toggle = (what: 'visible' | 'focused', value: boolean) => {
  if (what === 'visible') {
    visible = value;
    document.dispatchEvent(new Event('visibilitychange'));
  } else {
    focused = value;
    window.dispatchEvent(new Event(value ? 'focus' : 'blur'));
  }
};

describe('the page’s reports of what it shows (suggestions)', () => {
  it('sends nothing while suggestions are off, and starts when they are turned on', async () => {
    await start(false);
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_MS);
    toggle('visible', false);
    toggle('visible', true);
    expect(sent).toEqual([]);
    await fakeBrowser.storage.local.set({ [SUGGEST_KEY]: true });
    await settle();
    expect(sent).toEqual(['ENG-42:shown']);
  });

  it('says shown on showing and every heartbeat, gone when hidden or blurred, and nothing while hidden', async () => {
    await start(true);
    expect(sent).toEqual(['ENG-42:shown']);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(sent).toEqual(['ENG-42:shown', 'ENG-42:shown']);
    toggle('visible', false);
    await vi.advanceTimersByTimeAsync(3 * HEARTBEAT_MS);
    expect(sent).toEqual(['ENG-42:shown', 'ENG-42:shown', 'ENG-42:gone']);
    toggle('visible', true);
    toggle('focused', false);
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(sent.slice(3)).toEqual(['ENG-42:shown', 'ENG-42:gone']);
  });

  it('closes the old task’s span when the page shows another, and says gone when the page is left', async () => {
    let task: Task | null = eng42;
    const r = await start(true, () => task);
    task = eng7;
    r.update();
    expect(sent).toEqual(['ENG-42:shown', 'ENG-42:gone', 'ENG-7:shown']);
    task = null; // a page that is not a task (a list)
    r.update();
    window.dispatchEvent(new Event('pagehide'));
    expect(sent).toEqual(['ENG-42:shown', 'ENG-42:gone', 'ENG-7:shown', 'ENG-7:gone']);
  });

  it('turned off: the span is closed at once', async () => {
    await start(true);
    await fakeBrowser.storage.local.set({ [SUGGEST_KEY]: false });
    await settle();
    expect(sent).toEqual(['ENG-42:shown', 'ENG-42:gone']);
  });
});
