import { LAYER_RANK, type Layer } from './semantic';

/** Visits are reported this long after the button first showed: time for a better anchor to render. */
export const REPORT_AFTER_MS = 3000;

/**
 * Site health, page side: one report per visit of a task page (per integration and task), naming the best
 * layer that placed its button in the visit's first seconds (a view rendering in steps may show the dock or a
 * heading a moment before the site's own anchor). Only the integration and the layer leave: no URL, no task.
 */
export function visitReporter(send: (integration: string, layer: Layer) => void, delayMs = REPORT_AFTER_MS) {
  const visits = new Map<string, { task: string; layer: Layer; timer: ReturnType<typeof setTimeout> | null }>();

  function report(integration: string) {
    const visit = visits.get(integration);
    if (!visit || visit.timer === null) return;
    clearTimeout(visit.timer);
    visit.timer = null;
    send(integration, visit.layer);
  }

  return {
    placed(integration: string, task: string, layer: Layer) {
      const visit = visits.get(integration);
      if (visit?.task === task) {
        if (visit.timer !== null && LAYER_RANK[layer] > LAYER_RANK[visit.layer]) visit.layer = layer;
        return;
      }
      // Another task (in-page navigation): the previous visit is over.
      report(integration);
      visits.set(integration, { task, layer, timer: setTimeout(() => report(integration), delayMs) });
    },
    /** The page is going away: pending visits are reported now. */
    flush() {
      for (const integration of visits.keys()) report(integration);
    },
  };
}
