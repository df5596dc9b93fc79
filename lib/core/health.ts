import type { Layer } from '../inject/semantic';

/**
 * Site health: per integration, the layers that placed its button on the last visits (oldest first), kept in
 * this browser only. Options reads it to say when a site's layout changed under Stint's selectors.
 */
export type Health = Record<string, Layer[]>;

/** Visits kept per site. */
export const HEALTH_VISITS = 10;
/** Fallback placements in a row before options warns: one slow render or odd page is not a changed layout. */
export const HEALTH_WARN_RUN = 3;

/**
 * The record after one more visit: the same object when the visit changes nothing (the last visits all had this
 * layer), so the caller writes nothing. Writing every page view was one IndexedDB transaction each, and after 440
 * in-page navigations the browser's later commits were ~3× slower (local_save_ms_p95_at_10000).
 */
export function recordVisit(health: Health, integration: string, layer: Layer): Health {
  const before = health[integration] ?? [];
  if (before.length === HEALTH_VISITS && before.every((l) => l === layer)) return health;
  const visits = [...before, layer].slice(-HEALTH_VISITS);
  return { ...health, [integration]: visits };
}

/** Counts per layer, and how many of the latest visits in a row were placed by a fallback (semantic or dock). */
export function healthOf(visits: readonly Layer[]) {
  const counts: Record<Layer, number> = { selector: 0, semantic: 0, dock: 0 };
  for (const layer of visits) counts[layer]++;
  let run = 0;
  while (run < visits.length && visits[visits.length - 1 - run] !== 'selector') run++;
  return { visits: visits.length, counts, fallbackRun: run, warn: run >= HEALTH_WARN_RUN };
}
