import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FIRST_PAINT_TOPICS, requestEarly, takeEarly } from './first-state';
import { connectState, entries, settings, timer } from './state';

/** A runtime as the popup's first script sees it: its message listeners, and the requests it sent. */
function fakeRuntime(answer: (message: unknown) => Promise<unknown>) {
  const listeners = new Set<(m: unknown) => void>();
  const sent: unknown[] = [];
  return {
    sent,
    listeners,
    announce: (m: unknown) => {
      for (const l of listeners) l(m);
    },
    sendMessage: (m: unknown) => {
      sent.push(m);
      return answer(m);
    },
    onMessage: {
      addListener: (f: (m: unknown) => void) => listeners.add(f),
      removeListener: (f: (m: unknown) => void) => listeners.delete(f),
    },
  };
}

const entry = (id: string) => ({
  id,
  task: null,
  notes: id,
  day: '2026-03-03',
  startedAt: 1,
  endedAt: 2,
  durationMs: 1,
  running: false,
  booking: null,
  createdAt: 1,
  updatedAt: 2,
});
const snapshot = (recent: unknown[]) => ({
  ok: true,
  data: {
    timer: null,
    recent,
    settings: { ...settings.value, notesTemplate: 'early' },
    accounts: { list: [], defaultAccount: 'local', harvestSignIn: false },
    prompt: null,
  },
});

/** The main script's own state.get requests (through lib/ui/client.ts), answered from `answer`. */
function mainRequests(answer: (topics: string[]) => unknown) {
  const seen: string[][] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (m: { type: string; topics: string[] }) => {
    seen.push(m.topics);
    return answer(m.topics);
  }) as unknown as typeof fakeBrowser.runtime.sendMessage);
  return seen;
}

let stop: (() => void) | undefined;
afterEach(async () => {
  // The rest's request leaves in a task of its own (connectState): let it meet the mocks it was made under.
  await new Promise((resolve) => setTimeout(resolve, 0));
  stop?.();
  stop = undefined;
  takeEarly();
  vi.restoreAllMocks();
  entries.value = [];
  timer.value = null;
});

describe("the popup's first request, sent by its first script", () => {
  it('asks for the first screen at once, with a request id, and is taken over once', () => {
    const runtime = fakeRuntime(async () => snapshot([]));
    requestEarly(runtime);
    expect(runtime.sent).toEqual([
      { type: 'state.get', topics: [...FIRST_PAINT_TOPICS], requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    ]);
    expect(takeEarly()?.topics).toEqual(FIRST_PAINT_TOPICS);
    expect(takeEarly()).toBeUndefined();
  });

  it('fills the first screen from its answer: the main script does not ask for those topics again', async () => {
    requestEarly(fakeRuntime(async () => snapshot([entry('early-1')])));
    const seen = mainRequests(() => ({ ok: true, data: {} }));
    stop = await connectState({ firstPaint: true });
    expect(entries.value.map((e) => e.id)).toEqual(['early-1']);
    expect(settings.value.notesTemplate).toBe('early');
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Only the rest (project lists, sync state…), after the first screen.
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain('recent');
  });

  it('asks again, after the first screen, for what changed once the request had left', async () => {
    const runtime = fakeRuntime(async () => snapshot([entry('before-the-change')]));
    requestEarly(runtime);
    // An entry saved elsewhere while the popup's main scripts were still loading: the early answer may predate it.
    runtime.announce({ type: 'state.changed', topics: ['recent'] });
    const seen = mainRequests((topics) => ({ ok: true, data: topics.includes('recent') ? { recent: [entry('after-the-change')] } : {} }));
    stop = await connectState({ firstPaint: true });
    expect(seen[0]).toEqual(['recent']);
    await vi.waitFor(() => expect(entries.value.map((e) => e.id)).toEqual(['after-the-change']));
    // The first script no longer listens: the page's own listener does.
    expect(runtime.listeners.size).toBe(0);
  });

  it('asks itself when the early request got no answer (the worker was stopping)', async () => {
    requestEarly(fakeRuntime(async () => undefined));
    const seen = mainRequests((topics) => (topics.includes('recent') ? snapshot([entry('asked-again')]) : { ok: true, data: {} }));
    stop = await connectState({ firstPaint: true });
    expect(seen[0]).toEqual([...FIRST_PAINT_TOPICS]);
    expect(entries.value.map((e) => e.id)).toEqual(['asked-again']);
  });

  it('is not used by pages that load everything at once', async () => {
    requestEarly(fakeRuntime(async () => snapshot([entry('early')])));
    const seen = mainRequests(() => snapshot([entry('options')]));
    stop = await connectState();
    expect(seen).toHaveLength(1);
    expect(entries.value.map((e) => e.id)).toEqual(['options']);
  });
});
