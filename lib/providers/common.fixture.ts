import { beforeEach, expect } from 'vitest';
import { serveOnLoopback } from '../../test/emulators/serve';
import type { Emulator } from '../../test/emulators/types';
import { atMinute } from '../core/time';
import { type EntryInput, ProviderError } from './types';

/**
 * What the trackers' client fixtures share (clockify.fixture.ts, toggl.fixture.ts; harvest.fixture.ts takes the day
 * and `failure`): the day and clock of the tests, the requests the client sent, entry inputs, and the emulator behind
 * a loopback server for a test file. Each test file gets its own copy of this module (vitest isolates test files), so
 * the clock and the requests are that file's.
 */

export const DAY = '2024-05-06';
/** Local wall-clock time on DAY. */
export const at = (h: number, m = 0) => atMinute(DAY, h * 60 + m);
export let clock = at(10);
export const setClock = (ms: number): void => {
  clock = ms;
};

export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}
/** Every request the client sent: method, URL, headers, JSON body (the fixture's fetch records them). */
export let sent: SentRequest[] = [];
export const clearSent = (): void => {
  sent = [];
};
export const lastSent = (method: string) => sent.filter((r) => r.method === method).at(-1);

/** The client's entry inputs, booked to `ids` (the emulator's demo project and task): `input` plain, `stopped` a range. */
export function entryInputs(ids: () => Pick<EntryInput, 'projectId' | 'taskId'>) {
  const input = (o: Partial<EntryInput> = {}): EntryInput => ({
    localId: 'local-1',
    ...ids(),
    notes: '#42 Fix the header',
    day: DAY,
    startedAt: null,
    endedAt: null,
    durationMs: 0,
    running: false,
    ...o,
  });
  const stopped = (from: number, to: number, o: Partial<EntryInput> = {}) =>
    input({ startedAt: from, endedAt: to, durationMs: to - from, ...o });
  return { input, stopped };
}

/** The error `p` rejects with, checked to be the client's own. */
export async function failure(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

let served: (() => string) | undefined;
/** The loopback server's address ("http://127.0.0.1:<port>") while the file's tests run. */
export function loopBase(): string {
  if (!served) throw new Error('no loopback server: call the fixture’s use…() at the top of the test file');
  return served();
}

/** `emu` behind a loopback server for the file's tests; before each, the clock at 10:00, `reset` run, no request sent. */
export function useEmulator(emu: Emulator, reset: () => void): void {
  served = serveOnLoopback(emu);
  beforeEach(() => {
    clock = at(10);
    reset();
    sent = [];
  });
}
