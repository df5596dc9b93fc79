/**
 * Project/task search for the picker: type to filter by client, project, code and task; fuzzy and ranked,
 * recent choices first. Pure. The index precomputes lowercase, accent-free haystacks once per list, so a
 * keystroke over 10,000 pairs is a few plain string scans.
 */

export interface PickerItem {
  /** Stable value: `accountId|projectId|taskId`, or `local`. */
  value: string;
  project: string;
  task?: string;
  client?: string;
  code?: string;
  /** Account name, when several accounts are linked. */
  account?: string;
}

interface Indexed {
  item: PickerItem;
  order: number;
  /** Searchable fields, normalized, with their weight. */
  fields: { text: string; weight: number }[];
  /** Every field joined: one scan finds a token in any field. */
  hay: string;
  /** Where each field starts in `hay`. */
  starts: number[];
}

/** One search's matches (positions in `entries`) with their scores for all the tokens and for all but the last. */
interface Matches {
  at: Int32Array;
  full: Float64Array;
  base: Float64Array;
}

export interface PickerIndex {
  entries: Indexed[];
  /**
   * The last query searched (normalized, and its tokens) and the entries it matched (`count` of them, in
   * `buffers[buffer]`): a query typed on from it looks only there, and scores only the tokens that changed.
   */
  last?: { query: string; tokens: string[]; count: number; buffer: 0 | 1 };
  /** Two match buffers, reused in turn (one holds the last search while the next fills the other): no garbage. */
  buffers?: [Matches, Matches];
}

/** Lowercase, accents removed (`Réunion` → `reunion`), whitespace collapsed. */
export function normalize(text: string): string {
  // Plain ASCII with single spaces (most names) takes the short path.
  if (/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(text)) return text.toLowerCase();
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      // Control characters (pasted, or in a project name) are not text; U+0001 also separates fields in `hay`.
      .replace(/\p{Cc}/gu, '')
      .trim()
  );
}

const WEIGHTS = { code: 1.3, project: 1.1, task: 1, client: 0.9, account: 0.5 } as const;

const FIELD_KEYS = Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[];
/** Between fields in `hay`: a token (no spaces, no U+0001) never spans it. */
const SEPARATOR = ' \u0001 ';

export function buildIndex(items: readonly PickerItem[]): PickerIndex {
  const entries: Indexed[] = new Array(items.length);
  for (let order = 0; order < items.length; order++) {
    const item = items[order] as PickerItem;
    const fields: Indexed['fields'] = [];
    for (const k of FIELD_KEYS) {
      const raw = item[k];
      if (raw) fields.push({ text: normalize(raw), weight: WEIGHTS[k] });
    }
    const starts: number[] = [];
    let at = 0;
    for (const f of fields) {
      starts.push(at);
      at += f.text.length + SEPARATOR.length;
    }
    entries[order] = { item, order, fields, hay: fields.map((f) => f.text).join(SEPARATOR), starts };
  }
  return { entries };
}

const isWordChar = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));

/** How well one query token matches one item: 0 = not at all. Whole field > field start > word start > inside > fuzzy. */
function tokenScore(e: Indexed, token: string): number {
  const { hay, fields, starts } = e;
  let p = hay.indexOf(token);
  if (p >= 0) {
    // The first occurrence in each field that has one, found by scanning `hay` from field to field.
    let best = 0;
    let f = 0;
    while (p >= 0) {
      while (f + 1 < fields.length && (starts[f + 1] as number) <= p) f++;
      const field = fields[f] as Indexed['fields'][number];
      const at = p - (starts[f] as number);
      const base = at === 0 ? (field.text.length === token.length ? 100 : 80) : !isWordChar(field.text[at - 1]) ? 65 : 40;
      best = Math.max(best, base * field.weight);
      if (++f >= fields.length) break;
      p = hay.indexOf(token, starts[f]);
    }
    return best;
  }
  let best = 0;
  for (const f of e.fields) best = Math.max(best, fuzzy(f.text, token) * f.weight);
  return best;
}

/**
 * Characters of `token` in order within one field, reasonably close together (abbreviations and skipped
 * letters: "dfeng" → "difference engine", "anlt" → "analytical"). Every prefix of the token must be close
 * together too, so typing one more character never brings back an item the shorter query ruled out (what lets
 * a search narrow the previous matches instead of scanning everything).
 */
function fuzzy(hay: string, token: string): number {
  let from = 0;
  let first = -1;
  let last = -1;
  let n = 0;
  for (const ch of token) {
    const at = hay.indexOf(ch, from);
    if (at < 0) return 0;
    if (first < 0) first = at;
    last = at;
    from = at + 1;
    n++;
    if (last - first + 1 > n * 3 + 2) return 0;
  }
  const span = last - first + 1;
  // A tight cluster scores up to 15; a scattered one just above 0.
  return 1 + 14 * (token.length / span);
}

export interface SearchOptions {
  /** Values chosen recently, most recent first: they rank first and get a boost while typing. */
  recent?: readonly string[];
  /** How many results to return (the rest are counted in `total`). */
  limit?: number;
}

export interface SearchResult {
  results: PickerItem[];
  /** How many items match in all. */
  total: number;
}

export function search(index: PickerIndex, query: string, options: SearchOptions = {}): SearchResult {
  const limit = options.limit ?? 50;
  const recentRank = new Map<string, number>();
  for (const v of options.recent ?? []) if (!recentRank.has(v)) recentRank.set(v, recentRank.size);
  const normalized = normalize(query);
  const tokens = normalized.split(' ').filter(Boolean);
  const n = index.entries.length;
  index.buffers ??= [matchBuffer(n), matchBuffer(n)];
  const buffers = index.buffers;
  // Matching only narrows as a query grows (every token of the longer query extends or adds to the shorter's).
  const prev = index.last && normalized.startsWith(index.last.query) ? index.last : undefined;
  const was = prev ? buffers[prev.buffer] : null;
  const buffer: 0 | 1 = index.last?.buffer === 0 ? 1 : 0;
  const out = buffers[buffer];
  // The tokens before the last are those of the previous query (a token was begun, or the last one grew): their
  // score carries over, and only the rest is scored (summed in the same order, so the same score to the bit).
  const k = tokens.length;
  const same = (upTo: number) => prev !== undefined && tokens.slice(0, upTo).every((tk, i) => prev.tokens[i] === tk);
  let carry: Float64Array | null = null;
  let carryBase: Float64Array | null = null;
  let from = 0;
  if (was && prev && prev.tokens.length === k && same(k)) {
    // The same tokens (a space typed): every score carries over.
    carry = was.full;
    carryBase = was.base;
    from = k;
  } else if (was && prev && k > 0 && same(k - 1) && (prev.tokens.length === k - 1 || prev.tokens.length === k)) {
    // A token was begun (the previous scores cover the ones before it), or the last token grew.
    carry = prev.tokens.length === k - 1 ? was.full : was.base;
    from = k - 1;
  }

  // The best `limit`, kept sorted while scanning (a keystroke over 10,000 items never sorts them all).
  const top: { e: Indexed; score: number }[] = [];
  const ahead = (score: number, order: number, than: { e: Indexed; score: number }) =>
    score > than.score || (score === than.score && order < than.e.order);
  let total = 0;
  const scope = was && prev ? prev.count : n;
  for (let i = 0; i < scope; i++) {
    const at = was ? (was.at[i] as number) : i;
    const e = index.entries[at] as Indexed;
    let score = carry ? (carry[i] as number) : 0;
    let before = carryBase ? (carryBase[i] as number) : score;
    for (let j = from; j < k; j++) {
      const s = tokenScore(e, tokens[j] as string);
      if (s === 0) {
        score = -1;
        break;
      }
      if (j === k - 1) before = score;
      score += s;
    }
    if (score < 0) continue;
    out.at[total] = at;
    out.full[total] = score;
    out.base[total] = before;
    total += 1;
    const rank = recentRank.size > 0 ? recentRank.get(e.item.value) : undefined;
    // With no query, recent choices come first, in recency order; while typing they win ties and near-ties.
    if (rank !== undefined) score += tokens.length === 0 ? 1000 - rank : 12 / (rank + 1);
    const lastTop = top[top.length - 1];
    if (top.length >= limit && lastTop && !ahead(score, e.order, lastTop)) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ahead(score, e.order, top[mid] as { e: Indexed; score: number })) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, { e, score });
    if (top.length > limit) top.pop();
  }
  index.last = { query: normalized, tokens, count: total, buffer };
  return { results: top.map((s) => s.e.item), total };
}

const matchBuffer = (n: number): Matches => ({ at: new Int32Array(n), full: new Float64Array(n), base: new Float64Array(n) });

/** What the picker shows for an item: `Client — Project (CODE) / Task`. */
export function itemLabel(item: PickerItem): string {
  const project = item.code ? `${item.project} (${item.code})` : item.project;
  return `${item.client ? `${item.client} — ` : ''}${project}${item.task ? ` / ${item.task}` : ''}`;
}

/**
 * Runs a few searches over the index and forgets them: the modal opens in a fresh frame each time, and the first
 * keystrokes would otherwise run the search cold (interpreted until the engine optimizes it). Meant for idle time
 * after the picker renders; leaves the index as it was.
 */
export function warmUp(index: PickerIndex): void {
  // Once the user typed, the last search's matches are in use: leave them alone.
  if (index.last) return;
  for (const q of ['e', 'er', 'e a', 'e an', 'zq', 'a 1']) search(index, q, { limit: 20 });
  index.last = undefined;
}
