import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession } from 'playwright-core';
import type { Stint } from '../support/browser';

/** Helpers the bench's measurements share: manifest reading, clocks, CDP on pages and on the service worker. */

// ---- Content scripts in the manifest --------------------------------------------------------------------------

interface ContentScript {
  matches?: string[];
  exclude_matches?: string[];
  js?: string[];
  css?: string[];
}

/** Whether a WebExtension match pattern (scheme://host/path) covers a URL. */
export function matchPattern(pattern: string, href: string): boolean {
  if (pattern === '<all_urls>') return true;
  const m = /^(\*|[a-z-]+):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme = '', host = '', path = ''] = m;
  const url = new URL(href);
  const urlScheme = url.protocol.replace(/:$/, '');
  if (scheme === '*' ? urlScheme !== 'http' && urlScheme !== 'https' : scheme !== urlScheme) return false;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (url.hostname !== base && !url.hostname.endsWith(`.${base}`)) return false;
    } else if (url.hostname !== host) return false;
  }
  const glob = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return glob.test(url.pathname + url.search);
}

/** JS + CSS files the manifest injects into a page at `href`, with raw and gzip (level 9) sizes per file. */
export function injectedFiles(buildDir: string, href: string) {
  const manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as { content_scripts?: ContentScript[] };
  const files: { file: string; bytes: number; gzipBytes: number }[] = [];
  for (const cs of manifest.content_scripts ?? []) {
    const included = (cs.matches ?? []).some((p) => matchPattern(p, href));
    const excluded = (cs.exclude_matches ?? []).some((p) => matchPattern(p, href));
    if (!included || excluded) continue;
    for (const file of [...(cs.js ?? []), ...(cs.css ?? [])]) {
      const content = readFileSync(join(buildDir, file));
      files.push({ file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
    }
  }
  return files;
}

// ---- Clocks ----------------------------------------------------------------------------------------------------

/** Epoch time in ms with sub-ms resolution (Node side). */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * Offset of a page's clock (performance.timeOrigin + now()) from Node's, NTP style: the sample with the
 * shortest round trip, page time minus the round trip's midpoint. Subtract it from page timestamps.
 * Any page that evaluates: Playwright's (Chromium) or puppeteer's (Firefox).
 */
export async function clockOffset(
  page: { evaluate(fn: () => number): Promise<number> },
  samples = 15,
): Promise<{ offsetMs: number; rttMs: number }> {
  let best = { offsetMs: 0, rttMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < samples; i++) {
    const before = epochNow();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = epochNow();
    if (after - before < best.rttMs) best = { offsetMs: pageNow - (before + after) / 2, rttMs: after - before };
  }
  return best;
}

// ---- CDP -------------------------------------------------------------------------------------------------------

/** Main-thread script time of a page's renderer so far (CDP Performance.getMetrics ScriptDuration), in ms. */
export async function scriptMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const m = metrics.find((x) => x.name === 'ScriptDuration');
  if (!m) throw new Error('CDP Performance.getMetrics has no ScriptDuration');
  return m.value * 1000;
}

/**
 * A CDP connection to Stint's service worker. Playwright opens CDP sessions on pages and frames only, so this
 * attaches to the worker target from a page's session (Target.attachToTarget, not flattened) and talks to it
 * through Target.sendMessageToTarget.
 */
export async function workerCdp(stint: Stint) {
  await stint.worker(); // running
  const page = await stint.context.newPage();
  const cdp = await stint.context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(stint.extensionId));
  if (!target) throw new Error("Stint's service worker target not found");
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  let nextId = 0;
  const waiting = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg);
  });
  async function send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++nextId;
    const reply = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => waiting.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const msg = await reply;
    waiting.delete(id);
    if (msg.error) throw new Error(`${method}: ${msg.error.message}`);
    return msg.result as T;
  }
  return {
    send,
    /** JS heap of the worker: used bytes before and after a full garbage collection. */
    async heap() {
      const before = await send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
      await send('HeapProfiler.collectGarbage');
      const after = await send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage');
      return { usedBeforeGc: before.usedSize, usedAfterGc: after.usedSize, totalAfterGc: after.totalSize };
    },
    async close() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      await page.close();
    },
  };
}

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string; type?: string } };
}

/**
 * The complete ('X') trace events `keep` accepts, recorded while `run` runs (CDP Tracing on a page's session:
 * the page's renderer and its out-of-process frames, such as the modal's).
 */
export async function traceEvents<T>(
  cdp: CDPSession,
  categories: string[],
  keep: (ev: TraceEvent) => boolean,
  run: () => Promise<T>,
): Promise<{ result: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => {
    for (const ev of e.value as TraceEvent[]) if (ev.ph === 'X' && keep(ev)) events.push(ev);
  };
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: categories, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  try {
    return { result: await run(), events };
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
}

/**
 * Main-thread script CPU time while `run` runs, from a trace of the page (CDP Tracing, devtools.timeline):
 * the thread-time (`tdur`, CPU, not wall clock) of every top-level FunctionCall / EvaluateScript event, i.e.
 * every callback Blink ran (timers, mutation observers, events, frames) with what it called. Split by the
 * script the called function belongs to: the page's own origin, or anything else (content scripts, isolated
 * worlds). CPU time, so the figure holds up on a loaded machine where wall-clock ScriptDuration does not.
 */
export async function traceScriptCpu<T>(cdp: CDPSession, pageOrigin: string, run: () => Promise<T>) {
  const { result, events } = await traceEvents(
    cdp,
    ['devtools.timeline'],
    (ev) => ev.name === 'FunctionCall' || ev.name === 'EvaluateScript',
    run,
  );
  // Top-level only: an event that starts inside the previous top-level one on its thread is part of it.
  const byThread = new Map<string, TraceEvent[]>();
  for (const ev of events) {
    const key = `${ev.pid}/${ev.tid}`;
    byThread.set(key, [...(byThread.get(key) ?? []), ev]);
  }
  let pageUs = 0;
  let otherUs = 0;
  let calls = 0;
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts);
    let end = Number.NEGATIVE_INFINITY;
    for (const ev of list) {
      if (ev.ts < end) continue;
      end = ev.ts + (ev.dur ?? 0);
      const cpu = ev.tdur ?? ev.dur ?? 0;
      calls++;
      if ((ev.args?.data?.url ?? '').startsWith(pageOrigin)) pageUs += cpu;
      else otherUs += cpu;
    }
  }
  return { result, pageMs: pageUs / 1000, otherMs: otherUs / 1000, totalMs: (pageUs + otherUs) / 1000, calls };
}

// ---- Extension pages' JavaScript -------------------------------------------------------------------------------

/** Static import specifiers of an ES module (`import … from "x"`, `import "x"`, `export … from "x"`), not `import("x")`. */
const STATIC_IMPORT = /\b(?:from|import)\s*"([^"]+)"/g;

/**
 * The JS an extension page loads before its first script runs: the HTML's module scripts and everything they
 * import statically, followed file by file (dynamic imports load later, on demand, and are not counted). Each
 * file with its raw and gzip -9 size, and whether it carries zod (its error class's name survives minifying).
 */
export function pageScripts(buildDir: string, html: string) {
  const root = (p: string) => (p.startsWith('/') ? p.slice(1) : p);
  const page = readFileSync(join(buildDir, html), 'utf8');
  const queue = [...page.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => root(m[1] as string));
  const seen = new Set<string>();
  const files: { file: string; bytes: number; gzipBytes: number; zod: boolean }[] = [];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(buildDir, file), 'utf8');
    files.push({
      file,
      bytes: Buffer.byteLength(code),
      gzipBytes: gzipSync(code, { level: 9 }).length,
      zod: /\$ZodError|ZodError/.test(code),
    });
    for (const m of code.matchAll(STATIC_IMPORT)) {
      const spec = m[1] as string;
      if (spec.startsWith('/')) queue.push(root(spec));
      else if (spec.startsWith('.')) queue.push(posix.join(posix.dirname(file), spec));
    }
  }
  return { files, gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0), bytes: files.reduce((n, f) => n + f.bytes, 0) };
}
