import { describe, expect, it } from 'vitest';
import { entry } from '../../test/support/entries';
import { entriesCsv, field, hours, neutralise } from './csv';

const task = { integration: 'github', id: 'o/r#1', title: 'Fix "quotes", commas', url: 'https://github.com/o/r/issues/1' };
const booking = { accountId: 'clockify:w1', projectId: 'p1', taskId: 't1', projectName: 'Website', taskName: 'Build' };
const base = entry('e1', {
  task,
  notes: 'line one\nline two',
  day: '2026-03-02',
  startedAt: new Date(2026, 2, 2, 9, 5).getTime(),
  endedAt: new Date(2026, 2, 2, 10, 20).getTime(),
  durationMs: 75 * 60_000,
  booking,
});
const ctx = { accountName: (id: string) => (id === 'clockify:w1' ? 'Acme, Inc.' : '?'), syncState: () => 'synced' as const };

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parse(csv: string): string[][] {
  const rows: string[][] = [[]];
  for (const m of csv.matchAll(/("(?:[^"]|"")*"|[^,\r\n"]*)(,|\r\n)/g)) {
    const raw = m[1] ?? '';
    rows[rows.length - 1]?.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (m[2] === '\r\n') rows.push([]);
  }
  rows.pop();
  return rows;
}

describe('CSV export', () => {
  it('quotes per RFC 4180: commas, doubled quotes, line breaks; CRLF between records', () => {
    expect(field('plain')).toBe('plain');
    expect(field('a,b')).toBe('"a,b"');
    expect(field('say "hi"')).toBe('"say ""hi"""');
    expect(field('a\nb')).toBe('"a\nb"');
    const csv = entriesCsv([base], ctx);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe('date,start,end,hours,account,project,task,notes,task_id,task_title,task_url,synced,tags,billable');
  });

  it('writes date, times, hours, account, project, task, notes, the task and the sync state', () => {
    const [, row] = parse(entriesCsv([base], { ...ctx, syncState: () => 'waiting' }));
    expect(row).toEqual([
      '2026-03-02',
      '09:05',
      '10:20',
      '1.25',
      'Acme, Inc.',
      'Website',
      'Build',
      'line one\nline two',
      'o/r#1',
      'Fix "quotes", commas',
      'https://github.com/o/r/issues/1',
      'waiting',
      '',
      '',
    ]);
  });

  it('neutralises formulas (=, +, -, @, tab, CR) in every text field', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(evil)).toBe(`'${evil}`);
    expect(neutralise('a=b')).toBe('a=b');
    const entry = {
      ...base,
      notes: '=cmd|" /C calc"!A0',
      task: { ...task, title: '@evil', id: '-1' },
      booking: { ...booking, projectName: '+p', taskName: '=t' },
    };
    const [, row] = parse(entriesCsv([entry], ctx));
    expect(row?.slice(5, 10)).toEqual(["'+p", "'=t", '\'=cmd|" /C calc"!A0', "'-1", "'@evil"]);
  });

  it('plain durations have no clock times; local entries say so; running timers are left out; oldest first', () => {
    const plain = {
      ...base,
      id: 'e2',
      day: '2026-03-01',
      startedAt: null,
      endedAt: null,
      durationMs: 20 * 60_000,
      booking: null,
      task: null,
    };
    const running = { ...base, id: 'e3', running: true };
    const rows = parse(entriesCsv([base, running, plain], { ...ctx, syncState: (e) => (e.booking ? 'synced' : 'local') }));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(['2026-03-01', '', '', '0.33', 'Local', '', '', 'line one\nline two', '', '', '', 'local', '', '']);
    expect(hours(90 * 60_000)).toBe('1.50');
  });

  it('tags: names joined with "; ", quoted and neutralised like any text; billable: yes, no, or empty when unknown', () => {
    const tagged = {
      ...base,
      tags: [
        { id: 'g1', name: 'client, "A"' },
        { id: 'g2', name: 'review' },
      ],
      billable: true,
    };
    const csv = entriesCsv(
      [tagged, { ...base, id: 'e2', day: '2026-03-03', billable: false, tags: [] }, { ...base, id: 'e3', day: '2026-03-04' }],
      ctx,
    );
    expect(csv.split('\r\n')[1]?.endsWith(',synced,"client, ""A""; review",yes')).toBe(true);
    const rows = parse(csv);
    expect(rows.slice(1).map((r) => r.slice(12))).toEqual([
      ['client, "A"; review', 'yes'],
      ['', 'no'],
      ['', ''],
    ]);
    // A first tag a spreadsheet would run as a formula.
    const [, evil] = parse(entriesCsv([{ ...base, tags: [{ id: 'g3', name: '=1+1' }] }], ctx));
    expect(evil?.[12]).toBe("'=1+1");
  });
});
