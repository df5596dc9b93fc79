import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Prompt } from '../core/activity';
import { MINUTE } from '../core/time';
import * as store from '../state/store';
import { createActivity, type IdleSource } from './activity';
import { createService, serial } from './service';

const task = { integration: 'github', id: 'o/r#1', title: 'T', url: 'https://github.com/o/r/issues/1' };
const booking = { accountId: 'harvest:1', projectId: 'p', taskId: 't', projectName: 'P', taskName: 'T' };

beforeEach(() => fakeBrowser.reset());

/** The service and the activity rules on one lock, a notifier that records, and a clock the test moves. */
function rig() {
  let now = Date.UTC(2026, 10, 23, 8);
  const exclusive = serial();
  const shown: string[] = [];
  const handle = createService({ now: () => now, exclusive });
  const activity = createActivity({
    exclusive,
    now: () => now,
    notifier: {
      prompt: async (p: Prompt) => void shown.push(`${p.kind}:${p.idleMs / MINUTE}`),
      track: async (ms: number) => void shown.push(`track:${ms / MINUTE}`),
    },
  });
  return { handle, activity, shown, at: (ms: number) => (now = ms), now: () => now };
}

/** A timer started `minutesAgo` before now, booked to an account (so its changes are journaled for sync). */
async function running(r: ReturnType<typeof rig>, minutesAgo: number) {
  const start = r.now();
  r.at(start - minutesAgo * MINUTE);
  await store.write({ kv: { accounts: [] } });
  expect(await r.handle({ type: 'timer.start', task, notes: 'n', booking: null }, 'extension-page')).toEqual({ ok: true });
  r.at(start);
  // Booked as a synced account's entry would be (the outbox journals only booked entries).
  const timer = await store.get('timer');
  if (!timer) throw new Error('no timer');
  await store.write({ kv: { timer: { ...timer, booking } } });
  return timer.id;
}

describe('idle time, answered through the service', () => {
  for (const [choice, ended, restarted] of [
    ['keep', null, false],
    ['discard', 15, true],
    ['stop', 15, false],
  ] as const) {
    it(`${choice}: the question is asked on return and answered once`, async () => {
      const r = rig();
      const start = r.now();
      const id = await running(r, 40);
      // Idle reported 15 min ago (10 min without input before that): idle since 25 min ago.
      await r.activity.report('idle', start - 15 * MINUTE);
      expect(r.shown).toEqual([]);
      const asked = await r.activity.report('active', start);
      expect(asked).toMatchObject({ kind: 'idle', timerId: id, from: start - 25 * MINUTE, to: start, idleMs: 25 * MINUTE });
      expect(r.shown).toEqual(['idle:25']);
      const state = await r.handle({ type: 'state.get', topics: ['prompt'] }, 'extension-page');
      expect(state).toMatchObject({ ok: true, data: { prompt: { timerId: id } } });

      r.at(start + MINUTE);
      expect(await r.handle({ type: 'prompt.resolve', timerId: id, choice }, 'modal')).toMatchObject({ ok: false }); // no live modal
      expect(await r.handle({ type: 'prompt.resolve', timerId: id, choice }, 'content-script')).toMatchObject({ ok: false });
      expect(await r.handle({ type: 'prompt.resolve', timerId: id, choice }, 'extension-page')).toEqual({ ok: true });
      expect(await store.get('prompt')).toBeNull();
      const timer = await store.get('timer');
      const entries = await store.allEntries();
      const outbox = Object.values(await store.outbox());
      if (ended === null) {
        expect(timer?.id).toBe(id);
        expect(entries).toEqual([]);
      } else {
        expect(entries).toEqual([expect.objectContaining({ id, durationMs: ended * MINUTE, endedAt: start - 25 * MINUTE })]);
        expect(outbox.map((o) => o.entryId)).toContain(id);
        if (restarted) {
          expect(timer).toMatchObject({ task, notes: 'n', booking, startedAt: start, running: true });
          expect(outbox.map((o) => o.entryId)).toContain(timer?.id);
        } else expect(timer).toBeNull();
      }
      // Answered: a second answer is refused, and nothing changes.
      expect(await r.handle({ type: 'prompt.resolve', timerId: id, choice: 'stop' }, 'extension-page')).toMatchObject({ ok: false });
    });
  }

  it('voids the question once the timer stops, and never discards a forgotten timer', async () => {
    const r = rig();
    const id = await running(r, 40);
    await r.activity.report('locked', r.now() - 20 * MINUTE);
    await r.activity.report('active', r.now());
    await r.handle({ type: 'timer.stop' }, 'extension-page');
    expect(await store.get('prompt')).toBeNull();
    expect(await r.handle({ type: 'prompt.resolve', timerId: id, choice: 'keep' }, 'extension-page')).toMatchObject({ ok: false });
    // A forgotten timer: stop at the last activity, or keep; no idle time to discard.
    await store.write({ kv: { settings: { ...(await store.get('settings')), maxTimerHours: 1 } } });
    const id2 = await running(r, 90);
    await r.activity.report('locked', r.now() - 30 * MINUTE);
    expect(await r.activity.check()).toBe('forgotten');
    expect(await r.activity.check()).toBeNull();
    expect(r.shown.at(-1)).toBe('forgotten:30');
    expect(await r.handle({ type: 'prompt.resolve', timerId: id2, choice: 'discard' }, 'extension-page')).toMatchObject({ ok: false });
    expect(await r.handle({ type: 'prompt.resolve', timerId: id2, choice: 'stop' }, 'extension-page')).toEqual({ ok: true });
    expect((await store.entry(id2))?.durationMs).toBe(60 * MINUTE);
  });

  it('keeps the idle period across a restarted worker, and asks the source once at start', async () => {
    const r = rig();
    const id = await running(r, 60);
    await r.activity.report('locked', r.now() - 30 * MINUTE);
    // A new worker: the same data layer, a fresh activity module; the source says the user is back.
    const source: IdleSource & { interval: number } = {
      interval: 0,
      query: async () => 'active',
      setDetectionInterval(s) {
        this.interval = s;
      },
      onChange: () => undefined,
    };
    const again = createActivity({
      exclusive: serial(),
      now: r.now,
      notifier: { prompt: async () => undefined, track: async () => undefined },
    });
    again.listen(source);
    await again.attach(source);
    expect(source.interval).toBe(600);
    expect(await store.get('prompt')).toMatchObject({ kind: 'idle', timerId: id, idleMs: 30 * MINUTE });
  });
});
