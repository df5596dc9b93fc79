import { describe, expect, it } from 'vitest';
import { HEALTH_VISITS, healthOf, recordVisit } from './health';

describe('site health', () => {
  it('keeps the last visits per site, oldest first', () => {
    let h = {};
    for (let i = 0; i < HEALTH_VISITS + 3; i++) h = recordVisit(h, 'github', i % 2 ? 'semantic' : 'selector');
    h = recordVisit(h, 'jira', 'dock');
    expect(h).toMatchObject({ jira: ['dock'] });
    expect((h as Record<string, string[]>).github).toHaveLength(HEALTH_VISITS);
    expect((h as Record<string, string[]>).github?.at(-1)).toBe('selector');
  });

  it('gives back the same record when a visit changes nothing, so nothing is written', () => {
    let h = {};
    for (let i = 0; i < HEALTH_VISITS; i++) h = recordVisit(h, 'github', 'selector');
    expect(recordVisit(h, 'github', 'selector')).toBe(h);
    const changed = recordVisit(h, 'github', 'semantic');
    expect(changed).not.toBe(h);
    expect((changed as Record<string, string[]>).github?.at(-1)).toBe('semantic');
    expect(recordVisit(changed, 'github', 'selector')).not.toBe(changed);
  });

  it('counts layers and the latest run of fallbacks; warns from three in a row', () => {
    expect(healthOf(['selector', 'semantic', 'dock'])).toEqual({
      visits: 3,
      counts: { selector: 1, semantic: 1, dock: 1 },
      fallbackRun: 2,
      warn: false,
    });
    expect(healthOf(['semantic', 'semantic', 'dock', 'semantic']).warn).toBe(true);
    expect(healthOf(['semantic', 'semantic', 'semantic', 'selector'])).toMatchObject({ fallbackRun: 0, warn: false });
    expect(healthOf([])).toMatchObject({ visits: 0, fallbackRun: 0, warn: false });
  });
});
