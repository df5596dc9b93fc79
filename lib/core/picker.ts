/**
 * Project/task search for the picker: type to filter by client, project, code and task; fuzzy and ranked,
 * recent choices first. Pure. The index normalizes each distinct name once per list (lowercase, accent-free),
 * and a keystroke over 10,000 pairs scores only what changed since the last one (ARCHITECTURE.md, the picker).
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

/**
 * The list's searchable texts, each distinct (field kind, name) once: a project with ten tasks is one text, a task
 * name every project has is one text, so a token is looked for once per distinct text, not once per pair. Flat
 * typed arrays, not an object per pair: a keystroke over 10,000 pairs reads them in order (four times faster
 * than the same work through per-field objects, measured in V8). For the token being scored, each text keeps its
 * first position and weighted score (valid where `stamp` is the index's `gen`): when the next keystroke extends
 * that token, the new first position is found from the old one, mostly by comparing the added characters there.
 */
interface Texts {
  texts: string[];
  weight: Float64Array;
  pos: Int32Array;
  score: Float64Array;
  stamp: Int32Array;
  /** Weighted fuzzy score, for pairs none of whose fields contains the token. */
  fuzzy: Float64Array;
  fuzzyStamp: Int32Array;
}

/** One search's matches (positions in the list) with their scores for all the tokens and for all but the last. */
interface Matches {
  at: Int32Array;
  full: Float64Array;
  base: Float64Array;
}

export interface PickerIndex {
  items: readonly PickerItem[];
  t: Texts;
  /** Pair `i`'s fields are the texts `refs[refStart[i]]` … `refs[refStart[i + 1] − 1]`. */
  refs: Int32Array;
  refStart: Int32Array;
  /** The token the texts' positions are for (`gen`), and the one before it (`gen − 1`). */
  gen: number;
  token: string;
  prevToken: string;
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
      // Control characters (pasted, or in a project name) are not text.
      .replace(/\p{Cc}/gu, '')
      .trim()
  );
}

const WEIGHTS = { code: 1.3, project: 1.1, task: 1, client: 0.9, account: 0.5 } as const;

const FIELD_KEYS = Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[];

export function buildIndex(items: readonly PickerItem[]): PickerIndex {
  const n = items.length;
  const texts: string[] = [];
  const weights: number[] = [];
  const ids = new Map<string, number>();
  const refs: number[] = [];
  const refStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    refStart[i] = refs.length;
    const item = items[i] as PickerItem;
    for (const k of FIELD_KEYS) {
      const raw = item[k];
      if (!raw) continue;
      const key = `${k}\u0000${raw}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = texts.length;
        texts.push(normalize(raw));
        weights.push(WEIGHTS[k]);
        ids.set(key, id);
      }
      refs.push(id);
    }
  }
  refStart[n] = refs.length;
  const m = texts.length;
  const t: Texts = {
    texts,
    weight: Float64Array.from(weights),
    pos: new Int32Array(m),
    score: new Float64Array(m),
    stamp: new Int32Array(m),
    fuzzy: new Float64Array(m),
    fuzzyStamp: new Int32Array(m),
  };
  // Stamps start at 0: generation 1 is "nothing computed yet".
  return { items, t, refs: Int32Array.from(refs), refStart, gen: 1, token: '', prevToken: '' };
}

/** Makes `token` the one the columns' positions are for (a new generation when it changes). */
function selectToken(index: PickerIndex, token: string): void {
  if (token === index.token) return;
  index.prevToken = index.token;
  index.token = token;
  index.gen += 1;
  if (index.gen > 0x3fffffff) {
    // Far-fetched, but stamps must never wrap around onto a stale position.
    index.t.stamp.fill(0);
    index.t.fuzzyStamp.fill(0);
    index.gen = 2;
    index.prevToken = '';
  }
}

/**
 * Text `u` against the current token: its weighted score by the token's first occurrence (whole text > text
 * start > word start > inside; 0 when absent), computed once per generation.
 */
function textScore(index: PickerIndex, u: number, token: string, extending: boolean): number {
  const t = index.t;
  const stamp = t.stamp[u] as number;
  if (stamp === index.gen) return t.score[u] as number;
  const text = t.texts[u] as string;
  let p: number;
  if (extending && stamp === index.gen - 1) {
    // The previous token is a prefix of this one: every occurrence of this one is one of the previous, so the
    // first is at the previous first when the added characters follow it there, else further on.
    const q = t.pos[u] as number;
    p = q;
    if (q >= 0) {
      for (let i = index.prevToken.length; i < token.length; i++) {
        if (text.charCodeAt(q + i) !== token.charCodeAt(i)) {
          p = text.indexOf(token, q + 1);
          break;
        }
      }
    }
  } else p = text.indexOf(token);
  const base = p < 0 ? 0 : p === 0 ? (text.length === token.length ? 100 : 80) : isWordCode(text.charCodeAt(p - 1)) ? 40 : 65;
  const score = base * (t.weight[u] as number);
  t.pos[u] = p;
  t.score[u] = score;
  t.stamp[u] = index.gen;
  return score;
}

/** A letter or digit after normalization (a word goes on). */
const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/**
 * How well one query token matches pair `e`: 0 = not at all. Its best field by the token's first occurrence
 * there; fuzzy only when no field contains the token.
 */
function tokenScore(index: PickerIndex, e: number, token: string, extending: boolean): number {
  const { refs, refStart, t } = index;
  const end = refStart[e + 1] as number;
  let best = 0;
  for (let r = refStart[e] as number; r < end; r++) {
    const s = textScore(index, refs[r] as number, token, extending);
    if (s > best) best = s;
  }
  if (best > 0) return best;
  for (let r = refStart[e] as number; r < end; r++) {
    const u = refs[r] as number;
    if (t.fuzzyStamp[u] !== index.gen) {
      t.fuzzy[u] = fuzzy(t.texts[u] as string, token) * (t.weight[u] as number);
      t.fuzzyStamp[u] = index.gen;
    }
    const s = t.fuzzy[u] as number;
    if (s > best) best = s;
  }
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
  const n = index.items.length;
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

  // One token at a time over the candidates still matching (the previous matches with their carried scores,
  // or every pair), kept in place and in order: each token is looked for once per distinct text, and a token
  // extending the previous search's last one starts from where that one was found.
  const scope = was && prev ? prev.count : n;
  let total = scope;
  for (let j = from; j < k; j++) {
    const token = tokens[j] as string;
    selectToken(index, token);
    const extending = index.prevToken.length > 0 && token.startsWith(index.prevToken);
    const first = j === from;
    let kept = 0;
    for (let i = 0; i < total; i++) {
      const e = first ? (was ? (was.at[i] as number) : i) : (out.at[i] as number);
      const s = tokenScore(index, e, token, extending);
      if (s === 0) continue;
      const full = first ? (carry ? (carry[i] as number) : 0) : (out.full[i] as number);
      const base = j === k - 1 ? full : first ? (carryBase ? (carryBase[i] as number) : full) : (out.base[i] as number);
      out.at[kept] = e;
      out.full[kept] = full + s;
      out.base[kept] = base;
      kept += 1;
    }
    total = kept;
  }
  if (from === k) {
    // Nothing to score (no query, or a space typed): the candidates as they were.
    for (let i = 0; i < total; i++) {
      const score = carry ? (carry[i] as number) : 0;
      out.at[i] = was ? (was.at[i] as number) : i;
      out.full[i] = score;
      out.base[i] = carryBase ? (carryBase[i] as number) : score;
    }
  }

  // The best `limit`, kept sorted while scanning (a keystroke over 10,000 items never sorts them all).
  const top: { at: number; score: number }[] = [];
  const ahead = (score: number, at: number, than: { at: number; score: number }) =>
    score > than.score || (score === than.score && at < than.at);
  for (let i = 0; i < total; i++) {
    const at = out.at[i] as number;
    let score = out.full[i] as number;
    const rank = recentRank.size > 0 ? recentRank.get((index.items[at] as PickerItem).value) : undefined;
    // With no query, recent choices come first, in recency order; while typing they win ties and near-ties.
    if (rank !== undefined) score += tokens.length === 0 ? 1000 - rank : 12 / (rank + 1);
    const lastTop = top[top.length - 1];
    if (top.length >= limit && lastTop && !ahead(score, at, lastTop)) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ahead(score, at, top[mid] as { at: number; score: number })) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, { at, score });
    if (top.length > limit) top.pop();
  }
  index.last = { query: normalized, tokens, count: total, buffer };
  return { results: top.map((s) => index.items[s.at] as PickerItem), total };
}

const matchBuffer = (n: number): Matches => ({ at: new Int32Array(n), full: new Float64Array(n), base: new Float64Array(n) });

/** What the picker shows for an item: `Client — Project (CODE) / Task`. */
export function itemLabel(item: PickerItem): string {
  const project = item.code ? `${item.project} (${item.code})` : item.project;
  return `${item.client ? `${item.client} — ` : ''}${project}${item.task ? ` / ${item.task}` : ''}`;
}

/** What the warm-up types, step by step: each step a query typed on (narrowing), fuzzy, several tokens. */
const WARM_UP: readonly (readonly string[])[] = [
  ['e', 'er', 'er '],
  ['e a', 'e an'],
  ['zq', 'zqx'],
  ['a 1', 'a 12'],
];

/**
 * Runs a few searches over the index and forgets them: the modal opens in a fresh frame each time, and the first
 * keystrokes would otherwise run the search cold (interpreted until the engine optimizes it). Meant for idle time
 * after the picker renders, one `step` at a time (each a few searches, so a keystroke never waits long behind
 * one; without `step`, all of them). Opening the list (an empty query) does not stop it; once the user typed it
 * does nothing. Leaves the index finding what it found (its caches are a pure function of the list). Returns
 * whether steps remain.
 */
export function warmUp(index: PickerIndex, step?: number): boolean {
  if (index.last && index.last.query !== '') return false;
  const steps = step === undefined ? WARM_UP : WARM_UP.slice(step, step + 1);
  // A recent choice too, as the picker passes: code the warm-up never ran would be optimized without it.
  const first = index.items[0];
  const recent = first ? [first.value] : [];
  for (const queries of steps) {
    index.last = undefined;
    for (const q of queries) search(index, q, { limit: 20, recent });
  }
  // Without a last search, the next one scans every pair: what narrowing from an empty query would do.
  index.last = undefined;
  return step !== undefined && step + 1 < WARM_UP.length;
}
