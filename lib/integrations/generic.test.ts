import { describe, expect, it } from 'vitest';
import { stintMarkup } from './generic';

const card = (attrs: string) => {
  document.body.innerHTML = `<article data-stint-task="MEET-1" data-stint-title="Sprint planning" ${attrs}></article>`;
  return stintMarkup.task(new URL('http://localhost/board'), document, document.querySelector('article') ?? undefined);
};

describe('Stint markup: meetings', () => {
  it('reads a timed meeting (ISO date-times, an offset honoured) and an all-day one', () => {
    expect(card('data-stint-start="2026-03-10T09:00:00-04:00" data-stint-end="2026-03-10T09:30:00-04:00"')?.span).toEqual({
      start: Date.UTC(2026, 2, 10, 13),
      end: Date.UTC(2026, 2, 10, 13, 30),
    });
    expect(card('data-stint-date="2026-03-12"')?.span).toEqual({ day: '2026-03-12' });
  });

  it('ignores what is not a span: missing, backwards, over a week, garbage', () => {
    expect(card('')?.span).toBeUndefined();
    expect(card('data-stint-start="2026-03-10T10:00:00Z" data-stint-end="2026-03-10T09:00:00Z"')?.span).toBeUndefined();
    expect(card('data-stint-start="2026-03-01T10:00:00Z" data-stint-end="2026-03-10T09:00:00Z"')?.span).toBeUndefined();
    expect(card('data-stint-start="soon" data-stint-end="later" data-stint-date="12/03/2026"')?.span).toBeUndefined();
    expect(card('data-stint-start="2026-03-10T10:00:00Z" data-stint-end="2026-03-10T11:00:00Z"')).toMatchObject({
      id: 'MEET-1',
      title: 'Sprint planning',
    });
  });
});
