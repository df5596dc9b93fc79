import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

/** axe-core in real Chromium, shared by the suites that check accessibility (a11y.test.ts, tags.test.ts). */

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in a page or frame (injected with evaluate, which extension pages' CSP does not block). */
export async function axe(target: Page | Frame): Promise<Violation[]> {
  await target.evaluate(AXE);
  const result = (await target.evaluate(() =>
    (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Violation[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  )) as { violations: Violation[] };
  return result.violations;
}

/** The serious and critical violations, each in one readable line. */
export const serious = (list: Violation[]) =>
  list
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join(' | ')}`);

/** The in-page modal's frame (axe runs inside it). */
export const modalFrame = (page: Page): Frame => {
  const f = page.frames().find((x) => x.url().includes('/modal.html'));
  if (!f) throw new Error('no modal frame');
  return f;
};
