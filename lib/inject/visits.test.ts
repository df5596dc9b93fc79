import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { visitReporter } from './visits';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('visit reports', () => {
  it('reports once per visit, the best layer of its first seconds', () => {
    const sent: string[] = [];
    const r = visitReporter((i, layer) => sent.push(`${i}:${layer}`), 1000);
    r.placed('github', 'o/r#1', 'dock');
    r.placed('github', 'o/r#1', 'semantic');
    r.placed('github', 'o/r#1', 'dock');
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual(['github:semantic']);
    r.placed('github', 'o/r#1', 'selector');
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual(['github:semantic']);
  });

  it('ends a visit when the page shows another task, or goes away', () => {
    const sent: string[] = [];
    const r = visitReporter((i, layer) => sent.push(`${i}:${layer}`), 1000);
    r.placed('jira', 'A-1', 'selector');
    r.placed('jira', 'A-2', 'semantic');
    expect(sent).toEqual(['jira:selector']);
    r.flush();
    expect(sent).toEqual(['jira:selector', 'jira:semantic']);
    vi.advanceTimersByTime(5000);
    r.flush();
    expect(sent).toHaveLength(2);
  });
});
