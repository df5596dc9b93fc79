import { textOf } from './text';
import type { Integration, TaskInfo } from './types';

/** A URL from page markup: absolute http(s) only, resolved against the page. */
function safeUrl(value: string | null | undefined, base: URL): string | null {
  if (!value) return null;
  try {
    const u = new URL(value, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Where generic markup is honoured: local development servers; other domains are added in options. */
const LOCAL = ['http://localhost/*', 'http://127.0.0.1/*'];

/**
 * A meeting's time from markup: `data-stint-start` + `data-stint-end` (ISO 8601 date-times; with no offset, the
 * user's time zone), or `data-stint-date` (YYYY-MM-DD) for an all-day event.
 */
function markupSpan(anchor: Element): TaskInfo['span'] {
  const date = anchor.getAttribute('data-stint-date') ?? '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return { day: date };
  const start = Date.parse(anchor.getAttribute('data-stint-start') ?? '');
  const end = Date.parse(anchor.getAttribute('data-stint-end') ?? '');
  return end > start && end - start <= 7 * 86_400_000 ? { start, end } : undefined;
}

/**
 * Stint's own markup, for any page that wants a button with no site code:
 * `<div data-stint-task="ID" data-stint-title="…" data-stint-url="…" data-stint-group="…">`, and for a meeting
 * its time (`data-stint-start`/`data-stint-end`, or `data-stint-date`).
 */
export const stintMarkup: Integration = {
  id: 'stint',
  name: 'Stint markup',
  matches: LOCAL,
  selfHosted: true,
  multiple: true,
  exampleUrls: [],
  task(url, _doc, anchor) {
    const id = anchor?.getAttribute('data-stint-task')?.trim().slice(0, 300);
    if (!anchor || !id) return null;
    const group = anchor.getAttribute('data-stint-group')?.trim().slice(0, 300) || undefined;
    const span = markupSpan(anchor);
    return {
      id,
      title: (anchor.getAttribute('data-stint-title') ?? textOf(anchor)).trim().slice(0, 1000),
      url: safeUrl(anchor.getAttribute('data-stint-url'), url) ?? url.href,
      groupId: group,
      groupName: group,
      ...(span ? { span } : {}),
    };
  },
  // The element carrying the markup; the button goes inside it, at the end.
  anchor: ['[data-stint-task]'],
  placement: 'append',
};

/**
 * Harvest Platform placeholders, as published for Harvest's own button:
 * `<div class="harvest-timer" data-item='{"id":…,"name":…}' data-group='{"id":…,"name":…}' data-permalink="…">`.
 */
export const harvestPlatform: Integration = {
  id: 'harvest-platform',
  name: 'Harvest Platform markup',
  matches: LOCAL,
  selfHosted: true,
  multiple: true,
  exampleUrls: [],
  task(url, _doc, anchor) {
    if (!anchor) return null;
    const parse = (attr: string): { id?: unknown; name?: unknown } => {
      try {
        const v: unknown = JSON.parse(anchor.getAttribute(attr) ?? 'null');
        return typeof v === 'object' && v !== null ? v : {};
      } catch {
        return {};
      }
    };
    const item = parse('data-item');
    const group = parse('data-group');
    const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim().slice(0, 300) : '');
    const id = str(item.id);
    if (!id) return null;
    return {
      id,
      title: str(item.name),
      url: safeUrl(anchor.getAttribute('data-permalink'), url) ?? url.href,
      groupId: str(group.id) || undefined,
      groupName: str(group.name) || undefined,
    };
  },
  // Harvest's documented placeholder element; the button replaces its (empty) content.
  anchor: ['.harvest-timer[data-item]'],
  placement: 'append',
};
