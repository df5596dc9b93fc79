import type { Topic } from '../protocol/replies';

/**
 * The popup's first `state.get`, sent by a tiny script of its own (entrypoints/popup-first.ts, `async` in the
 * popup's HTML) as soon as the page has it, while the popup's main scripts and stylesheet still load: the
 * worker's answer (~7 ms for a fresh page) then overlaps that loading instead of following it. The main script
 * takes the pending answer over (connectState) instead of asking again.
 *
 * No imports at run time: this goes into that tiny script, which must arrive first.
 */

/** What the popup's first screen shows: the timer, today and this week, settings, accounts, the open question. */
export const FIRST_PAINT_TOPICS = ['timer', 'recent', 'settings', 'accounts', 'prompt'] as const satisfies readonly Topic[];

/** The early request as the main script finds it. */
export interface EarlyState {
  topics: readonly Topic[];
  /** The worker's answer (undefined or a rejection when it could not answer: the main script then asks itself). */
  reply: Promise<unknown>;
  /** Topics the background said changed since the request left (its answer may predate those changes). */
  changed: Set<Topic>;
  /** Stops recording changes (the main script listens from then on). */
  stop(): void;
}

interface Runtime {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: { addListener(f: (m: unknown) => void): void; removeListener(f: (m: unknown) => void): void };
}

const KEY = '__stintEarlyState';

/** Sends the first request (in the tiny script); changes announced meanwhile are recorded for the main script. */
export function requestEarly(runtime: Runtime): void {
  const changed = new Set<Topic>();
  const listener = (message: unknown) => {
    const m = message as { type?: unknown; topics?: unknown } | null;
    if (m?.type === 'state.changed' && Array.isArray(m.topics)) for (const t of m.topics) changed.add(t as Topic);
  };
  // Listening before asking: a change the answer missed is always announced after the request left.
  runtime.onMessage.addListener(listener);
  let reply: Promise<unknown>;
  try {
    reply = runtime.sendMessage({ type: 'state.get', topics: [...FIRST_PAINT_TOPICS], requestId: crypto.randomUUID() });
  } catch (err) {
    reply = Promise.reject(err);
  }
  // Never an unhandled rejection: the main script decides what a failure means.
  reply.catch(() => undefined);
  const early: EarlyState = { topics: FIRST_PAINT_TOPICS, reply, changed, stop: () => runtime.onMessage.removeListener(listener) };
  (globalThis as Record<string, unknown>)[KEY] = early;
}

/** The early request, once (the main script); undefined when the tiny script did not run (other pages, tests). */
export function takeEarly(): EarlyState | undefined {
  const g = globalThis as Record<string, unknown>;
  const early = g[KEY] as EarlyState | undefined;
  delete g[KEY];
  return early;
}
