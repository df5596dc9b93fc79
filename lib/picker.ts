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
  /** Every field joined: substring and fuzzy fallbacks. */
  hay: string;
}

export interface PickerIndex {
  entries: Indexed[];
  /**
   * The last query searched (normalized, and its tokens) and every entry it matched, with their scores for all the
   * tokens (`full`) and for all but the last (`base`): a query typed on from it looks only there, and scores only
   * the tokens that changed.
   */
  last?: { query: string; tokens: string[]; matches: Indexed[]; full: number[]; base: number[] };
}

/** Lowercase, accents removed (`Réunion` → `reunion`), whitespace collapsed. */
export function normalize(text: string): string {
  // Plain ASCII with single spaces (most names) takes the short path.
  if (/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const WEIGHTS = { code: 1.3, project: 1.1, task: 1, client: 0.9, account: 0.5 } as const;

const FIELD_KEYS = Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[];

export function buildIndex(items: readonly PickerItem[]): PickerIndex {
  const entries: Indexed[] = new Array(items.length);
  for (let order = 0; order < items.length; order++) {
    const item = items[order] as PickerItem;
    const fields: Indexed['fields'] = [];
    for (const k of FIELD_KEYS) {
      const raw = item[k];
      if (raw) fields.push({ text: normalize(raw), weight: WEIGHTS[k] });
    }
    entries[order] = { item, order, fields, hay: fields.map((f) => f.text).join(' \u0001 ') };
  }
  return { entries };
}

const isWordChar = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));

/** How well one query token matches one item: 0 = not at all. Whole field > field start > word start > inside > fuzzy. */
function tokenScore(e: Indexed, token: string): number {
  if (e.hay.includes(token)) {
    let best = 0;
    for (const f of e.fields) {
      const at = f.text.indexOf(token);
      if (at < 0) continue;
      const base = f.text === token ? 100 : at === 0 ? 80 : !isWordChar(f.text[at - 1]) ? 65 : 40;
      best = Math.max(best, base * f.weight);
    }
    // Only across a field boundary (e.g. "engine prog"): still a match, a weak one.
    return best || 20;
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
  // Matching only narrows as a query grows (every token of the longer query extends or adds to the shorter's).
  const prev = index.last && normalized.startsWith(index.last.query) ? index.last : undefined;
  const scope = prev ? prev.matches : index.entries;
  // The tokens before the last are those of the previous query (a token was begun, or the last one grew): their
  // score carries over, and only the rest is scored (summed in the same order, so the same score to the bit).
  const k = tokens.length;
  const same = (n: number) => prev !== undefined && tokens.slice(0, n).every((tk, i) => prev.tokens[i] === tk);
  let carry: number[] | null = null;
  if (prev && k > 0 && same(k - 1)) {
    if (prev.tokens.length === k - 1)
      carry = prev.full; // a token was begun
    else if (prev.tokens.length === k) carry = prev.base; // the last token grew
  }
  const from = carry ? k - 1 : 0;
  const matches: Indexed[] = [];
  const full: number[] = [];
  const base: number[] = [];

  // The best `limit`, kept sorted while scanning (a keystroke over 10,000 items never sorts them all).
  const top: { e: Indexed; score: number }[] = [];
  const ahead = (score: number, order: number, than: { e: Indexed; score: number }) =>
    score > than.score || (score === than.score && order < than.e.order);
  let total = 0;
  for (let i = 0; i < scope.length; i++) {
    const e = scope[i] as Indexed;
    let score = carry ? (carry[i] as number) : 0;
    let before = score;
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
    total += 1;
    matches.push(e);
    full.push(score);
    base.push(before);
    const rank = recentRank.get(e.item.value);
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
  index.last = { query: normalized, tokens, matches, full, base };
  return { results: top.map((s) => s.e.item), total };
}

/** What the picker shows for an item: `Client — Project (CODE) / Task`. */
export function itemLabel(item: PickerItem): string {
  const project = item.code ? `${item.project} (${item.code})` : item.project;
  return `${item.client ? `${item.client} — ` : ''}${project}${item.task ? ` / ${item.task}` : ''}`;
}
