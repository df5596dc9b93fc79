import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, itemLabel, normalize, type PickerItem, search, warmUp } from './picker';

const items: PickerItem[] = [
  { value: 'local', project: 'Local (this browser only)' },
  { value: 'h:1|10|100', client: 'Babbage & Co', project: 'Difference Engine', code: 'DE', task: 'Programming' },
  { value: 'h:1|10|101', client: 'Babbage & Co', project: 'Difference Engine', code: 'DE', task: 'Design' },
  { value: 'h:1|11|100', client: 'Lovelace Labs', project: 'Analytical Engine', code: 'AE', task: 'Programming' },
  { value: 'h:1|11|102', client: 'Lovelace Labs', project: 'Analytical Engine', code: 'AE', task: 'Meetings' },
  { value: 'h:1|12|103', client: 'Société Générale', project: 'Réunions hebdo', code: 'SG-7', task: 'Préparation' },
];
const index = buildIndex(items);
const values = (q: string, recent?: string[]) => search(index, q, { recent }).results.map((r) => r.value);

describe('picker search', () => {
  it('keeps the list order with no query, recent choices first in recency order', () => {
    expect(values('')).toEqual(items.map((i) => i.value));
    expect(values('', ['h:1|11|102', 'h:1|10|101'])).toEqual([
      'h:1|11|102',
      'h:1|10|101',
      'local',
      'h:1|10|100',
      'h:1|11|100',
      'h:1|12|103',
    ]);
  });

  it('filters by client, project, code and task, every word must match', () => {
    expect(values('lovelace')).toEqual(['h:1|11|100', 'h:1|11|102']);
    expect(values('difference')).toEqual(['h:1|10|100', 'h:1|10|101']);
    expect(values('meet')).toEqual(['h:1|11|102']);
    expect(values('ae')[0]).toBe('h:1|11|100'); // the exact code first
    expect(values('engine design')).toEqual(['h:1|10|101']);
    expect(values('local')).toEqual(['local']);
    expect(values('zzz')).toEqual([]);
  });

  it('ranks whole and leading matches above matches inside a word', () => {
    // "prog" starts the task of two items; "ram" is inside "Programming" only.
    expect(values('prog')).toEqual(['h:1|10|100', 'h:1|11|100']);
    const design = search(index, 'de', {}).results.map((r) => r.value);
    // Code "DE" exactly beats "Design" (field start) which beats "Difference" … all three DE items first.
    expect(design.slice(0, 2)).toEqual(['h:1|10|100', 'h:1|10|101']);
  });

  it('is fuzzy: letters in order match an abbreviation', () => {
    expect(values('dfeng')).toEqual(['h:1|10|100', 'h:1|10|101']);
    expect(values('anlt meet')).toEqual(['h:1|11|102']);
  });

  it('ignores case and accents', () => {
    expect(values('REUNION')).toEqual(['h:1|12|103']);
    expect(values('societe prep')).toEqual(['h:1|12|103']);
    expect(normalize('  Réunions   Hebdo ')).toBe('reunions hebdo');
  });

  it('boosts recent choices among equally good matches', () => {
    expect(values('programming', ['h:1|11|100'])).toEqual(['h:1|11|100', 'h:1|10|100']);
  });

  it('returns at most `limit` results and counts them all', () => {
    const r = search(index, 'e', { limit: 2 });
    expect(r.results).toHaveLength(2);
    expect(r.total).toBeGreaterThan(2);
  });

  it('labels an item as the picker shows it', () => {
    expect(itemLabel(items[1] as PickerItem)).toBe('Babbage & Co — Difference Engine (DE) / Programming');
    expect(itemLabel({ value: 'x', project: 'Solo' })).toBe('Solo');
  });

  it('handles 10,000 pairs per keystroke (figure printed, never asserted)', () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliett', 'kilo', 'lima'];
    const big: PickerItem[] = Array.from({ length: 10_000 }, (_, i) => ({
      value: `a|${Math.floor(i / 10)}|${i}`,
      client: `Client ${words[i % 12]} ${i % 97}`,
      project: `${words[(i * 7) % 12]} ${words[(i * 5) % 12]} project ${Math.floor(i / 10)}`,
      code: `P-${Math.floor(i / 10)}`,
      task: `${words[(i * 3) % 12]} task ${i % 10}`,
    }));
    const t0 = performance.now();
    const bigIndex = buildIndex(big);
    const built = performance.now() - t0;
    const keystrokes = ['d', 'de', 'del', 'delt', 'delta', 'delta e', 'delta ec', 'delta ech', 'delta echo', 'dlt', 'p-42', 'zz'];
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const q of keystrokes) {
        const s = performance.now();
        const r = search(bigIndex, q, { recent: ['a|5|55'] });
        times.push(performance.now() - s);
        expect(r.results.length).toBeLessThanOrEqual(50);
      }
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const p90 = times[Math.floor(times.length * 0.9)] ?? 0;
    console.log(
      `picker: index of 10,000 pairs built in ${built.toFixed(1)} ms; per keystroke best ${(times[0] ?? 0).toFixed(2)} ms, median ${median.toFixed(2)} ms, p90 ${p90.toFixed(2)} ms`,
    );
    expect(search(bigIndex, 'p-42', {}).results[0]?.code).toBe('P-42');
  });

  it('narrows the previous matches as a query grows, with exactly the results of a fresh search', () => {
    const alphabet = fc.constantFrom(...'aeginorpdm 7-é'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 1, maxLength: 12 }), (chars) => {
        const typed = buildIndex(items);
        let query = '';
        for (const ch of chars) {
          query += ch;
          const narrowed = search(typed, query, { limit: 3 });
          const fresh = search(buildIndex(items), query, { limit: 3 });
          expect(narrowed).toEqual(fresh);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('warms up without changing what a search finds, and leaves a search in progress alone', () => {
    const warmed = buildIndex(items);
    warmUp(warmed);
    expect(warmed.last).toBeUndefined();
    expect(search(warmed, 'eng', { limit: 3 })).toEqual(search(buildIndex(items), 'eng', { limit: 3 }));
    warmUp(warmed); // typed already: nothing happens
    expect(search(warmed, 'engi', { limit: 3 })).toEqual(search(buildIndex(items), 'engi', { limit: 3 }));
  });

  it('ignores control characters in queries and names (the field separator included)', () => {
    const index = buildIndex(items);
    expect(search(index, '\u0001').total).toBe(search(buildIndex(items), '').total);
    expect(normalize('Ré\u0001union\u0007')).toBe('reunion');
  });
});
