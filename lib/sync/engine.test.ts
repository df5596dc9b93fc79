import { beforeEach, describe, expect, it } from 'vitest';
import { serial } from '../background/service';
import { ProviderError } from '../providers/types';
import * as store from '../state/store';
import { createSyncEngine } from './engine';
import { account, booking, day, freshEngine } from './engine.fixture';
import { IN_FLIGHT_MS, isDirty } from './outbox';
import { createPacers } from './pacer';

/**
 * The sync engine against an in-memory provider that can fail the way real ones do (offline, a create whose
 * answer is lost after the server committed it, a revoked token, refused data). The real-browser suites
 * (harvest, chaos) cover the same against the Harvest emulator; these pin the engine's own decisions. The
 * read-back on a look is in readback.test.ts.
 */

let mem: Awaited<ReturnType<typeof freshEngine>>['mem'];
let handle: Awaited<ReturnType<typeof freshEngine>>['handle'];
let engine: Awaited<ReturnType<typeof freshEngine>>['engine'];
/** The engine's clock (the service stamps entries with the real one). */
let clock = 0;

beforeEach(async () => {
  clock = Date.now();
  ({ mem, handle, engine } = await freshEngine(() => clock));
});

const save = async (notes: string, time = '1:00') =>
  expect(await handle({ type: 'entry.save', task: null, notes, time, day, booking }, 'extension-page')).toEqual({ ok: true });
const dirty = async () => Object.values(await store.outbox()).filter(isDirty).length;
const creates = () => mem.calls.filter((c) => c === 'create').length;
const state = async () => (await store.get('status'))[account.id]?.state;

describe('sync engine', () => {
  it('creates each entry once, then sends an edit to the same remote entry and a delete removes it', async () => {
    await save('one');
    await save('two', '0:30');
    await engine.flush();
    expect(await dirty()).toBe(0);
    expect([...mem.remote.values()].map((r) => r.notes).sort()).toEqual(['one', 'two']);
    expect(await state()).toBe('ok');

    const entries = (await store.allEntries()) as { id: string; notes: string }[];
    const one = entries.find((e) => e.notes === 'one');
    expect(await handle({ type: 'entry.update', id: one?.id ?? '', notes: 'one, edited' }, 'extension-page')).toEqual({ ok: true });
    await engine.flush();
    expect([...mem.remote.values()].map((r) => r.notes).sort()).toEqual(['one, edited', 'two']);
    expect(creates()).toBe(2);

    expect(await handle({ type: 'entry.delete', id: one?.id ?? '' }, 'extension-page')).toEqual({ ok: true });
    await engine.flush();
    expect([...mem.remote.values()].map((r) => r.notes)).toEqual(['two']);
    expect(await dirty()).toBe(0);
  });

  it('keeps a change made offline, says so, and sends it once the provider answers again', async () => {
    mem.faults.push('network');
    await save('offline');
    await engine.flush();
    expect(await state()).toBe('offline');
    expect(await dirty()).toBe(1);
    expect(mem.remote.size).toBe(0);
    clock += IN_FLIGHT_MS; // the request that failed could have reached the server: it is looked up first, once it could have landed
    await engine.flush({ retry: true });
    expect(await dirty()).toBe(0);
    expect([...mem.remote.values()].map((r) => r.notes)).toEqual(['offline']);
    expect(await state()).toBe('ok');
  });

  it('offline, a flush that finds the same status again writes nothing; a new status is written', async () => {
    mem.faults.push('network');
    await save('offline');
    await engine.flush();
    const first = (await store.get('status'))[account.id];
    expect(first?.state).toBe('offline');
    const tick = () => new Promise((r) => setTimeout(r, 0)); // listeners hear of a write in the next task
    await tick();
    const topics: string[] = [];
    const off = store.onChange((t) => topics.push(...t));
    await save('offline too'); // in the unreachable pause: nothing is sent, and the status found is the same
    await engine.flush();
    await tick();
    expect(topics).not.toContain('status');
    expect((await store.get('status'))[account.id]).toEqual(first);
    clock += IN_FLIGHT_MS;
    await engine.flush({ retry: true });
    await tick();
    off();
    expect(topics).toContain('status');
    expect(await state()).toBe('ok');
  });

  it('never creates twice when a create’s answer was lost after the server committed it', async () => {
    mem.faults.push('commit-then-drop');
    await save('lost answer');
    await engine.flush();
    expect(mem.remote.size).toBe(1); // the server has it, Stint does not know
    expect(await dirty()).toBe(1);
    // Not looked up while the lost request could still be landing: nothing found yet would mean sending it again.
    await engine.flush({ retry: true });
    expect(mem.calls).not.toContain('find');
    clock += IN_FLIGHT_MS;
    await engine.flush({ retry: true });
    expect(await dirty()).toBe(0);
    expect(mem.remote.size).toBe(1);
    expect(creates()).toBe(1);
    expect(mem.calls).toContain('find'); // looked up, not sent again
  });

  it('server trouble, then a failure that never reached the server: still trouble while online (the browser held it back)', async () => {
    mem.faults.push('server');
    await save('during an outage');
    await engine.flush();
    expect(await state()).toBe('trouble');
    expect((await store.get('status'))[account.id]?.message).toBe('Memory answered with a server error (HTTP 503).');
    mem.faults.push('network', 'network', 'network');
    for (let i = 0; i < 3; i++) {
      clock += IN_FLIGHT_MS; // each failed create is looked up (found nowhere) once it could have landed, then sent
      await engine.flush({ retry: true });
    }
    expect(await state()).toBe('trouble');
    // The detail stays the server's: the failures after it never reached the server.
    expect((await store.get('status'))[account.id]?.message).toBe('Memory answered with a server error (HTTP 503).');
    // Retried within seconds, however many attempts: the browser's own back-off is short.
    const [rec] = Object.values(await store.outbox());
    expect(rec?.attempts).toBe(4);
    expect((rec?.nextAt ?? 0) - clock).toBeLessThanOrEqual(8_000);
    clock += IN_FLIGHT_MS;
    await engine.flush({ retry: true });
    expect(await state()).toBe('ok');
    expect(mem.remote.size).toBe(1);
  });

  it('sends nothing for an unreachable tracker until its pause ends, however many saves come, and wakes then', async () => {
    const wakes: number[] = [];
    const paced = createSyncEngine({
      exclusive: serial(),
      providerFor: async () => mem.provider,
      pacers: createPacers(),
      now: () => clock,
      wakeAt: (at) => wakes.push(at),
    });
    mem.faults.push('network');
    await save('first');
    await paced.flush();
    expect(mem.calls).toEqual(['create']);
    // Three more saves while the tracker was just found unreachable: no request, still offline, all kept.
    for (const notes of ['second', 'third', 'fourth']) {
      await save(notes);
      await paced.flush();
    }
    expect(mem.calls).toEqual(['create']);
    expect(await state()).toBe('offline');
    expect(await dirty()).toBe(4);
    // Woken when the pause ends (2–4 s: the first backoff), the waiting changes go.
    const pauseEnd = wakes.at(-1) ?? 0;
    expect(pauseEnd - clock).toBeGreaterThanOrEqual(2_000);
    expect(pauseEnd - clock).toBeLessThanOrEqual(4_000);
    clock = pauseEnd;
    await paced.flush();
    expect([...mem.remote.values()].map((r) => r.notes).sort()).toEqual(['fourth', 'second', 'third']);
    // The user's "Sync now" does not wait for a pause.
    mem.faults.push('network');
    await save('fifth');
    await paced.flush();
    expect(await state()).toBe('offline');
    clock += IN_FLIGHT_MS; // the failed creates could have landed: they are looked up once they could have
    await paced.flush({ retry: true });
    expect([...mem.remote.values()].map((r) => r.notes).sort()).toEqual(['fifth', 'first', 'fourth', 'second', 'third']);
    expect(await dirty()).toBe(0);
  });

  it('a network failure with no trouble before, or after trouble with the device offline, is offline', async () => {
    mem.faults.push('network');
    await save('offline');
    await engine.flush();
    expect(await state()).toBe('offline');
    const offline = createSyncEngine({
      exclusive: serial(),
      providerFor: async () => mem.provider,
      pacers: createPacers(),
      online: () => false,
      now: () => clock,
    });
    mem.faults.push('server', 'network');
    clock += IN_FLIGHT_MS;
    await offline.flush({ retry: true });
    expect(await state()).toBe('trouble');
    clock += IN_FLIGHT_MS;
    await offline.flush({ retry: true });
    expect(await state()).toBe('offline');
  });

  it('asks to reconnect on a revoked token and keeps the change until it works again', async () => {
    mem.faults.push('auth');
    await save('revoked');
    await engine.flush();
    expect(await state()).toBe('needs-reconnect');
    expect(await dirty()).toBe(1);
    await engine.flush({ retry: true });
    expect(await dirty()).toBe(0);
    expect(mem.remote.size).toBe(1);
  });

  it('parks an entry the provider refuses, with the provider’s message, and syncs the others', async () => {
    mem.faults.push('rejected');
    await save('refused');
    await save('fine');
    await engine.flush();
    const parked = Object.values(await store.outbox()).filter((r) => r.error);
    expect(parked).toHaveLength(1);
    expect(parked[0]?.error).toBe('Memory says this project is archived.');
    expect(parked[0]?.nextAt).toBeNull();
    expect([...mem.remote.values()].map((r) => r.notes)).toEqual(['fine']);
    expect(await state()).toBe('refused');
    // The status holds the server's words only: the pages word the state ("1 entry refused by …") once.
    expect((await store.get('status'))[account.id]?.message).toBe('Memory says this project is archived.');
  });

  it('starts a running timer remotely, and stops it there when it is stopped here', async () => {
    expect(await handle({ type: 'timer.start', task: null, notes: 'timer', booking }, 'extension-page')).toEqual({ ok: true });
    await engine.flush();
    expect([...mem.remote.values()]).toMatchObject([{ notes: 'timer', running: true }]);
    expect(await handle({ type: 'timer.stop' }, 'extension-page')).toEqual({ ok: true });
    await engine.flush();
    expect([...mem.remote.values()]).toMatchObject([{ notes: 'timer', running: false }]);
    expect(mem.calls.filter((c) => c === 'stop')).toHaveLength(1);
    expect(creates()).toBe(1);
  });

  it('stops with one request when the tracker’s stop writes every field (Toggl), none after it', async () => {
    const stopOnly = {
      ...mem.provider,
      stopWritesAll: true,
      stop: (id: string, input: Parameters<typeof mem.provider.update>[1]) => mem.provider.update(id, input),
    };
    engine = createSyncEngine({ exclusive: serial(), providerFor: async () => stopOnly, pacers: createPacers() });
    expect(await handle({ type: 'timer.start', task: null, notes: 'timer', booking }, 'extension-page')).toEqual({ ok: true });
    await engine.flush();
    mem.calls.length = 0;
    expect(await handle({ type: 'timer.stop' }, 'extension-page')).toEqual({ ok: true });
    await engine.flush();
    expect(mem.calls).toEqual(['update']); // the stop itself, and nothing more
    expect([...mem.remote.values()]).toMatchObject([{ notes: 'timer', running: false }]);
    expect(await dirty()).toBe(0);
  });

  it('sends a create refused before it left again without looking it up first', async () => {
    const refusing = {
      ...mem.provider,
      create: async () => {
        throw new ProviderError('quota', 'used up', { retryAfterMs: 1000, sent: false });
      },
    };
    engine = createSyncEngine({ exclusive: serial(), providerFor: async () => refusing, pacers: createPacers() });
    await save('later');
    await engine.flush();
    expect(await state()).toBe('rate-limited');
    expect(Object.values(await store.outbox())[0]).toMatchObject({ remoteId: null, createAttemptAt: null, sent: null });
    engine = createSyncEngine({ exclusive: serial(), providerFor: async () => mem.provider, pacers: createPacers() });
    await engine.flush();
    expect(mem.calls).toEqual(['create', 'find']); // no lookup before it; the echo check after it
    expect(await dirty()).toBe(0);
  });
});
