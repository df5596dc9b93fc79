import { settled, writeStored } from '../support/actions';
import type { Chrome } from './extension-page';
import { round } from './results';
import { type HarvestRig, offlineBacklog } from './saves';

/**
 * One run of the 500-entry flush (npm run bench): Harvest linked through the options page, N entries saved
 * offline, then the emulator comes back and the user asks to sync; the emulator limits requests to `limit` per
 * `windowMs` and Stint is told the same pace. Returns the figures of that run.
 */

export interface FlushRun {
  ratio: number;
  /** elapsed ÷ the minimum for the creates alone (as if no lookup were needed). */
  naiveRatio: number;
  duplicates: number;
  lost: number;
  method: string;
  detail: Record<string, unknown>;
}

export async function flushRun(h: HarvestRig, o: { n: number; limit: number; windowMs: number; settleLimitMs: number }): Promise<FlushRun> {
  const { emu, demo, stint } = h;
  const { n: N, limit: LIMIT, windowMs: WINDOW_MS } = o;
  const { popup, saveMs } = await offlineBacklog(h, {
    n: N,
    notes: 'bench',
    prepare: async () => {
      emu.setRateLimit({ limit: LIMIT, windowMs: WINDOW_MS, retryAfter: 'fractional' });
      await writeStored(await stint.worker(), { pace: { harvest: { requests: LIMIT, windowMs: WINDOW_MS } } });
    },
  });
  const offlineRequests = emu.log.entries.length;

  emu.faults.setDown(false);
  const syncStart = Date.now();
  // Not awaited in the page: the reply comes when the flush ends; completion is read from the outbox.
  await popup.evaluate(() => {
    void (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({ type: 'sync.now' });
  });
  const naiveMinimum = (N / LIMIT - 1) * WINDOW_MS;
  try {
    await settled(stint, o.settleLimitMs);
  } catch (err) {
    const synced = emu.log.entries.filter((e) => e.realAt >= syncStart && e.method === 'POST' && e.outcome === 201).length;
    throw new Error(
      `the outbox was not drained ${o.settleLimitMs / 1000} s after sync.now (${synced}/${N} created; ratio at least ${round(o.settleLimitMs / naiveMinimum, 1)}): ${String(err).split('\n')[0]}`,
    );
  }
  const settledAt = Date.now();
  await popup.close();

  const during = emu.log.entries.slice(offlineRequests).filter((e) => e.realAt >= syncStart && e.host === 'api');
  const posts = during.filter((e) => e.method === 'POST' && e.path === '/v2/time_entries');
  const lastPost = posts[posts.length - 1];
  if (!lastPost) throw new Error('no POST /v2/time_entries reached Harvest after the sync started');
  const elapsed = lastPost.realAt - syncStart;
  // The limit's minimum for the requests the flush had to make up to its last create: the creates, plus the
  // lookup exactly-once needs for creates attempted while offline (their answer never came) and the user it
  // lists by. With 500 creates at 100 per window, each request past 500 costs a whole window.
  const accepted = during.filter((e) => e.realAt <= lastPost.realAt && e.outcome !== 429).length;
  const minimum = (Math.ceil(accepted / LIMIT) - 1) * WINDOW_MS;
  const notes = (emu.timeEntries({ accountId: demo.accountId }) as { notes: string | null }[])
    .map((e) => e.notes ?? '')
    .filter((text) => /^bench \d+$/.test(text));
  const distinct = new Set(notes);
  const byRoute: Record<string, number> = {};
  for (const e of during) {
    const key = `${e.method} ${e.path.replace(/\/\d+(?=\/|$)/g, '/:id')} → ${e.outcome}`;
    byRoute[key] = (byRoute[key] ?? 0) + 1;
  }
  return {
    ratio: round(elapsed / minimum, 3),
    duplicates: notes.length - distinct.size,
    lost: N - distinct.size,
    naiveRatio: round(elapsed / naiveMinimum, 3),
    method: `emulator limited to ${LIMIT} requests / ${WINDOW_MS} ms and storage.local "pace" set to match; elapsed = sync start → the last POST /v2/time_entries the emulator received (log realAt) = ${elapsed} ms, divided by the rate-limit minimum for the ${accepted} requests Harvest accepted up to then (${N} creates + the in-doubt lookup and its user), (⌈${accepted}/${LIMIT}⌉ − 1) × ${WINDOW_MS} ms = ${minimum} ms (ignores the last batch's own send time, which favours the product slightly); against ${N} requests alone, (${N}/${LIMIT} − 1) × ${WINDOW_MS} ms = ${naiveMinimum} ms, the ratio is ${round(elapsed / naiveMinimum, 3)}`,
    detail: {
      limit: LIMIT,
      window_ms: WINDOW_MS,
      elapsed_ms: elapsed,
      minimum_ms: minimum,
      requests_to_last_create: accepted,
      ratio_vs_creates_alone: round(elapsed / naiveMinimum, 3),
      overhead_ms: elapsed - minimum,
      settled_after_ms: settledAt - syncStart,
      save_offline_ms: saveMs,
      requests_while_offline: offlineRequests,
      requests_during_sync: during.length,
      by_route_during_sync: byRoute,
      // When every 50th create reached the emulator (ms after sync start): where a slow flush loses time.
      first_request_at_ms: (during[0]?.realAt ?? syncStart) - syncStart,
      post_201_at_ms: posts
        .filter((e) => e.outcome === 201)
        .flatMap((e, i) => (i === 0 || (i + 1) % 50 === 0 ? [e.realAt - syncStart] : [])),
    },
  };
}
