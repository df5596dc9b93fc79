import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClockifyEmulator } from '../emulators/clockify';
import { createTogglEmulator } from '../emulators/toggl';
import { settled, stored, writeStored } from '../support/actions';
import type { Stint } from '../support/browser';
import { sendFrom } from '../support/options';
import { type Rig, startStint } from '../support/rig';

/**
 * Idle time answered for Clockify (discard) and Toggl Track (stop), production build in real Chromium against
 * their emulators: the answer's cut entries land with the times the background recorded. The timer is started
 * while the tracker is unreachable and its start moved 40 minutes back before it first syncs, so the tracker gets
 * that start (the suite does not wait 40 minutes); the worker's idle source is driven through its test hook.
 */

const MIN = 60_000;
const clockify = createClockifyEmulator();
const toggl = createTogglEmulator({ leakyBucket: false, quota: false });
const cdemo = clockify.seedDemo();
const tdemo = toggl.seedDemo();
let rig: Rig;
let stint: Stint;
let options: Page;

beforeAll(async () => {
  rig = await startStint({ emulators: [clockify, toggl] });
  ({ stint } = rig);
  await writeStored(await stint.worker(), { pace: { toggl: { requests: 20, windowMs: 1000 } } });
  options = await stint.context.newPage();
  await options.goto(`chrome-extension://${stint.extensionId}/options.html`);
});

afterAll(() => rig?.close());

const send = (message: unknown) => sendFrom(options, message);
type Hook = { report(state: string, at?: number): Promise<unknown> };
async function report(state: 'active' | 'idle', at: number) {
  const worker = await stint.worker();
  await worker.evaluate(
    ([s, a]) => (globalThis as unknown as { __stintIdle: Hook }).__stintIdle.report(s as string, a as number),
    [state, at],
  );
}
const task = {
  integration: 'github',
  id: 'octo-org/hello-world#12',
  title: 'Crash when saving',
  url: 'https://github.com/octo-org/hello-world/issues/12',
};

/** A timer started while the tracker is down, its start moved back `minutes`, then synced; idle for its last 25 minutes. */
async function idleTimer(emu: { setDown(mode?: 'drop' | false): void }, booking: object, notes: string, accountId: string) {
  emu.setDown('drop');
  expect(await send({ type: 'timer.start', task, notes, booking })).toEqual({ ok: true });
  const worker = await stint.worker();
  const timer = await stored<{ id: string; startedAt: number }>(worker, 'timer');
  await writeStored(worker, { timer: { ...timer, startedAt: timer.startedAt - 40 * MIN } });
  emu.setDown(false);
  await send({ type: 'sync.now' });
  await settled(stint, 30_000, accountId);
  const back = Date.now();
  await report('idle', back - 15 * MIN);
  await report('active', back);
  return { id: timer.id, start: timer.startedAt - 40 * MIN, back };
}

describe('idle time answered, Clockify and Toggl Track', () => {
  it('Clockify, discard: the entry ends at the idle start, a new one runs from the return', async () => {
    const accountId = `clockify:${cdemo.workspace.id}`;
    expect(
      await send({ type: 'account.link', provider: 'clockify', token: cdemo.apiKey, remoteAccountId: cdemo.workspace.id }),
    ).toMatchObject({
      ok: true,
    });
    const booking = { accountId, projectId: cdemo.projects.website.id, taskId: cdemo.tasks.build.id };
    const { id, start, back } = await idleTimer(clockify, booking, 'Clockify idle', accountId);
    expect(await send({ type: 'prompt.resolve', timerId: id, choice: 'discard' })).toEqual({ ok: true });
    await settled(stint, 30_000, accountId);
    const mine = clockify.entries({ workspaceId: cdemo.workspace.id }).filter((e) => e.description === 'Clockify idle');
    expect(mine).toHaveLength(2);
    const [first, next] = [...mine].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const sec = (ms: number) => Math.floor(ms / 1000) * 1000;
    expect(Date.parse(first?.start ?? '')).toBe(sec(start));
    // Ends at the idle start: 25 minutes before the return (the timer ran 40 minutes and the seconds the sync took).
    expect(Date.parse(first?.end ?? '')).toBe(sec(back - 25 * MIN));
    expect(next).toMatchObject({ end: null, taskId: cdemo.tasks.build.id });
    expect(Date.parse(next?.start ?? '')).toBe(sec(back));
    expect(await send({ type: 'timer.stop' })).toEqual({ ok: true });
    await settled(stint, 30_000, accountId);
  });

  it('Toggl Track, stop at the idle start: one entry of the time until then', async () => {
    const accountId = `toggl:${tdemo.workspace.id}`;
    expect(
      await send({ type: 'account.link', provider: 'toggl', token: tdemo.token, remoteAccountId: String(tdemo.workspace.id) }),
    ).toMatchObject({
      ok: true,
    });
    const booking = { accountId, projectId: String(tdemo.projects.website.id), taskId: String(tdemo.tasks.design.id) };
    const { id, start, back } = await idleTimer(toggl, booking, 'Toggl idle', accountId);
    expect(await send({ type: 'prompt.resolve', timerId: id, choice: 'stop' })).toEqual({ ok: true });
    expect(await stored(await stint.worker(), 'timer')).toBeNull();
    await settled(stint, 30_000, accountId);
    const mine = toggl.entries({ workspaceId: tdemo.workspace.id }).filter((e) => e.description === 'Toggl idle');
    expect(mine).toHaveLength(1);
    expect(typeof mine[0]?.stopMs).toBe('number');
    const sec = (ms: number) => Math.floor(ms / 1000) * 1000;
    expect(mine[0]?.startMs).toBe(sec(start));
    expect(mine[0]?.stopMs).toBe(sec(back - 25 * MIN));
  });
});
