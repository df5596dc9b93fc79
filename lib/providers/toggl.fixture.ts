import { createTogglEmulator, type TogglDemo } from '../../test/emulators/toggl';
import { clock, entryInputs, loopBase, sent, useEmulator } from './common.fixture';
import { createTogglProvider, type TogglConfig } from './toggl';

/**
 * What the Toggl client's tests share (toggl.test.ts, toggl-errors.test.ts, toggl-tags.test.ts): the emulator
 * behind a loopback server, a fetch to it, a client, entry inputs; the clock and the requests sent come from
 * common.fixture.ts. A test file calls `useToggl()` once.
 */

export { at, clearSent, clock, DAY, failure, lastSent, sent, setClock } from './common.fixture';

// Limits off; the limit tests switch them on.
export const emu = createTogglEmulator({ now: () => clock, leakyBucket: false, quota: false });
export let demo: TogglDemo;

/** Sends api.track.toggl.com requests to the loopback emulator, recording them. */
export const viaLoop: typeof fetch = (input, init) => {
  const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
  sent.push({ method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers), body });
  return fetch(String(input).replace('https://api.track.toggl.com', loopBase()), init);
};

/** The loopback server for the file's tests; before each, the emulator reset to its demo with limits off, the clock to 10:00, no request sent. */
export function useToggl(): void {
  useEmulator(emu, () => {
    emu.reset();
    emu.setQuota(false);
    emu.setLeakyBucket(false);
    demo = emu.seedDemo();
  });
}

export const provider = (o: Partial<TogglConfig> = {}) =>
  createTogglProvider({ apiToken: demo.token, workspaceId: String(demo.workspace.id), fetch: viaLoop, now: () => clock, ...o });

export const { input, stopped } = entryInputs(() => ({ projectId: String(demo.projects.website.id), taskId: String(demo.tasks.build.id) }));
