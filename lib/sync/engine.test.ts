import { describe, expect, it } from 'vitest';
import { serial } from '../background/service';
import { ProviderError } from '../providers/types';
import * as store from '../state/store';
import { createSyncEngine } from './engine';
import { account, booking, day, engineRig } from './engine.fixture';
import { IN_FLIGHT_MS, isDirty } from './outbox';
import { createPacers } from './pacer';

/**
 * The sync engine against an in-memory provider that can fail the way real ones do (offline, a create whose
 * answer is lost after the server committed it, a revoked token, refused data). The real-browser suites
 * (harvest, chaos) cover the same against the Harvest emulator; these pin the engine's own decisions. The
 * read-back on a look is in readback.test.ts.
 */

const rig = engineRig();

const save = async (notes: string, time = '1:00') =>
  expect(await rig.handle({ type: 'entry.save', task: null, notes, time, day, booking }, 'extension-page')).toEqual({ ok: true });
const dirty = async () => Object.values(await store.outbox()).filter(isDirty).length;
const creates = () => rig.mem.calls.filter((c) => c === 'create').length;
const state = async () => (await store.get('status'))[account.id]?.state;

describe('sync engine', () => {
  it('creates each entry once, then sends an edit to the same remote entry and a delete removes it', async () => {
    await save('one');
    await save('two', '0:30');
    await rig.engine.flush();
    expect(await dirty()).toBe(0);
    expect([...rig.mem.remote.values()].map((r) => r.notes).sort()).toEqual(['one', 'two']);
    expect(await state()).toBe('ok');

    const entries = (await store.allEntries()) as { id: string; notes: string }[];
    const one = entries.find((e) => e.notes === 'one');
    expect(await rig.handle({ type: 'entry.update', id: one?.id ?? '', notes: 'one, edited' }, 'extension-page')).toEqual({ ok: true });
    await rig.engine.flush();
    expect([...rig.mem.remote.values()].map((r) => r.notes).sort()).toEqual(['one, edited', 'two']);
    expect(creates()).toBe(2);

    expect(await rig.handle({ type: 'entry.delete', id: one?.id ?? '' }, 'extension-page')).toEqual({ ok: true });
    await rig.engine.flush();
    expect([...rig.mem.remote.values()].map((r) => r.notes)).toEqual(['two']);
    expect(await dirty()).toBe(0);
  });

  it('keeps a change made offline, says so, and sends it once the provider answers again', async () => {
    rig.mem.faults.push('network');
    await save('offline');
    await rig.engine.flush();
    expect(await state()).toBe('offline');
    expect(await dirty()).toBe(1);
    expect(rig.mem.remote.size).toBe(0);
    rig.clock += IN_FLIGHT_MS; // the request that failed could have reached the server: it is looked up first, once it could have landed
    await rig.engine.flush({ retry: true });
    expect(await dirty()).toBe(0);
    expect([...rig.mem.remote.values()].map((r) => r.notes)).toEqual(['offline']);
    expect(await state()).toBe('ok');
  });

  it('offline, a flush that finds the same status again writes nothing; a new status is written', async () => {
    rig.mem.faults.push('network');
    await save('offline');
    await rig.engine.flush();
    const first = (await store.get('status'))[account.id];
    expect(first?.state).toBe('offline');
    const tick = () => new Promise((r) => setTimeout(r, 0)); // listeners hear of a write in the next task
    await tick();
    const topics: string[] = [];
    const off = store.onChange((t) => topics.push(...t));
    await save('offline too'); // in the unreachable pause: nothing is sent, and the status found is the same
    await rig.engine.flush();
    await tick();
    expect(topics).not.toContain('status');
    expect((await store.get('status'))[account.id]).toEqual(first);
    rig.clock += IN_FLIGHT_MS;
    await rig.engine.flush({ retry: true });
    await tick();
    off();
    expect(topics).toContain('status');
    expect(await state()).toBe('ok');
  });

  it('never creates twice when a create’s answer was lost after the server committed it', async () => {
    rig.mem.faults.push('commit-then-drop');
    await save('lost answer');
    await rig.engine.flush();
    expect(rig.mem.remote.size).toBe(1); // the server has it, Stint does not know
    expect(await dirty()).toBe(1);
    // Not looked up while the lost request could still be landing: nothing found yet would mean sending it again.
    await rig.engine.flush({ retry: true });
    expect(rig.mem.calls).not.toContain('find');
    rig.clock += IN_FLIGHT_MS;
    await rig.engine.flush({ retry: true });
    expect(await dirty()).toBe(0);
    expect(rig.mem.remote.size).toBe(1);
    expect(creates()).toBe(1);
    expect(rig.mem.calls).toContain('find'); // looked up, not sent again
  });

  it('server trouble, then a failure that never reached the server: still trouble while online (the browser held it back)', async () => {
    rig.mem.faults.push('server');
    await save('during an outage');
    await rig.engine.flush();
    expect(await state()).toBe('trouble');
    expect((await store.get('status'))[account.id]?.message).toBe('Memory answered with a server error (HTTP 503).');
    rig.mem.faults.push('network', 'network', 'network');
    for (let i = 0; i < 3; i++) {
      rig.clock += IN_FLIGHT_MS; // each failed create is looked up (found nowhere) once it could have landed, then sent
      await rig.engine.flush({ retry: true });
    }
    expect(await state()).toBe('trouble');
    // The detail stays the server's: the failures after it never reached the server.
    expect((await store.get('status'))[account.id]?.message).toBe('Memory answered with a server error (HTTP 503).');
    // Retried within seconds, however many attempts: the browser's own back-off is short.
    const [rec] = Object.values(await store.outbox());
    expect(rec?.attempts).toBe(4);
    expect((rec?.nextAt ?? 0) - rig.clock).toBeLessThanOrEqual(8_000);
    rig.clock += IN_FLIGHT_MS;
    await rig.engine.flush({ retry: true });
    expect(await state()).toBe('ok');
    expect(rig.mem.remote.size).toBe(1);
  });

  it('sends nothing for an unreachable tracker until its pause ends, however many saves come, and wakes then', async () => {
    const wakes: number[] = [];
    const paced = createSyncEngine({
      exclusive: serial(),
      providerFor: async () => rig.mem.provider,
      pacers: createPacers(),
      now: () => rig.clock,
      wakeAt: (at) => wakes.push(at),
    });
    rig.mem.faults.push('network');
    await save('first');
    await paced.flush();
    expect(rig.mem.calls).toEqual(['create']);
    // Three more saves while the tracker was just found unreachable: no request, still offline, all kept.
    for (const notes of ['second', 'third', 'fourth']) {
      await save(notes);
      await paced.flush();
    }
    expect(rig.mem.calls).toEqual(['create']);
    expect(await state()).toBe('offline');
    expect(await dirty()).toBe(4);
    // Woken when the pause ends (2–4 s: the first backoff), the waiting changes go.
    const pauseEnd = wakes.at(-1) ?? 0;
    expect(pauseEnd - rig.clock).toBeGreaterThanOrEqual(2_000);
    expect(pauseEnd - rig.clock).toBeLessThanOrEqual(4_000);
    rig.clock = pauseEnd;
    await paced.flush();
    expect([...rig.mem.remote.values()].map((r) => r.notes).sort()).toEqual(['fourth', 'second', 'third']);
    // The user's "Sync now" does not wait for a pause.
    rig.mem.faults.push('network');
    await save('fifth');
    await paced.flush();
    expect(await state()).toBe('offline');
    rig.clock += IN_FLIGHT_MS; // the failed creates could have landed: they are looked up once they could have
    await paced.flush({ retry: true });
    expect([...rig.mem.remote.values()].map((r) => r.notes).sort()).toEqual(['fifth', 'first', 'fourth', 'second', 'third']);
    expect(await dirty()).toBe(0);
  });

  it('a network failure with no trouble before, or after trouble with the device offline, is offline', async () => {
    rig.mem.faults.push('network');
    await save('offline');
    await rig.engine.flush();
    expect(await state()).toBe('offline');
    const offline = createSyncEngine({
      exclusive: serial(),
      providerFor: async () => rig.mem.provider,
      pacers: createPacers(),
      online: () => false,
      now: () => rig.clock,
    });
    rig.mem.faults.push('server', 'network');
    rig.clock += IN_FLIGHT_MS;
    await offline.flush({ retry: true });
    expect(await state()).toBe('trouble');
    rig.clock += IN_FLIGHT_MS;
    await offline.flush({ retry: true });
    expect(await state()).toBe('offline');
  });

  it('asks to reconnect on a revoked token and keeps the change until it works again', async () => {
    rig.mem.faults.push('auth');
    await save('revoked');
    await rig.engine.flush();
    expect(await state()).toBe('needs-reconnect');
    expect(await dirty()).toBe(1);
    await rig.engine.flush({ retry: true });
    expect(await dirty()).toBe(0);
    expect(rig.mem.remote.size).toBe(1);
  });

  it('parks an entry the provider refuses, with the provider’s message, and syncs the others', async () => {
    rig.mem.faults.push('rejected');
    await save('refused');
    await save('fine');
    await rig.engine.flush();
    const parked = Object.values(await store.outbox()).filter((r) => r.error);
    expect(parked).toHaveLength(1);
    expect(parked[0]?.error).toBe('Memory says this project is archived.');
    expect(parked[0]?.nextAt).toBeNull();
    expect([...rig.mem.remote.values()].map((r) => r.notes)).toEqual(['fine']);
    expect(await state()).toBe('refused');
    // The status holds the server's words only: the pages word the state ("1 entry refused by …") once.
    expect((await store.get('status'))[account.id]?.message).toBe('Memory says this project is archived.');
  });

  it('starts a running timer remotely, and stops it there when it is stopped here', async () => {
    expect(await rig.handle({ type: 'timer.start', task: null, notes: 'timer', booking }, 'extension-page')).toEqual({ ok: true });
    await rig.engine.flush();
    expect([...rig.mem.remote.values()]).toMatchObject([{ notes: 'timer', running: true }]);
    expect(await rig.handle({ type: 'timer.stop' }, 'extension-page')).toEqual({ ok: true });
    await rig.engine.flush();
    expect([...rig.mem.remote.values()]).toMatchObject([{ notes: 'timer', running: false }]);
    expect(rig.mem.calls.filter((c) => c === 'stop')).toHaveLength(1);
    expect(creates()).toBe(1);
  });

  it('stops with one request when the tracker’s stop writes every field (Toggl), none after it', async () => {
    const stopOnly = {
      ...rig.mem.provider,
      stopWritesAll: true,
      stop: (id: string, input: Parameters<typeof rig.mem.provider.update>[1]) => rig.mem.provider.update(id, input),
    };
    rig.engine = createSyncEngine({ exclusive: serial(), providerFor: async () => stopOnly, pacers: createPacers() });
    expect(await rig.handle({ type: 'timer.start', task: null, notes: 'timer', booking }, 'extension-page')).toEqual({ ok: true });
    await rig.engine.flush();
    rig.mem.calls.length = 0;
    expect(await rig.handle({ type: 'timer.stop' }, 'extension-page')).toEqual({ ok: true });
    await rig.engine.flush();
    expect(rig.mem.calls).toEqual(['update']); // the stop itself, and nothing more
    expect([...rig.mem.remote.values()]).toMatchObject([{ notes: 'timer', running: false }]);
    expect(await dirty()).toBe(0);
  });

  it('sends a create refused before it left again without looking it up first', async () => {
    const refusing = {
      ...rig.mem.provider,
      create: async () => {
        throw new ProviderError('quota', 'used up', { retryAfterMs: 1000, sent: false });
      },
    };
    rig.engine = createSyncEngine({ exclusive: serial(), providerFor: async () => refusing, pacers: createPacers() });
    await save('later');
    await rig.engine.flush();
    expect(await state()).toBe('rate-limited');
    expect(Object.values(await store.outbox())[0]).toMatchObject({ remoteId: null, createAttemptAt: null, sent: null });
    rig.engine = createSyncEngine({ exclusive: serial(), providerFor: async () => rig.mem.provider, pacers: createPacers() });
    await rig.engine.flush();
    expect(rig.mem.calls).toEqual(['create', 'find']); // no lookup before it; the echo check after it
    expect(await dirty()).toBe(0);
  });
});
