import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { integrationById } from '../../../lib/integrations';
import type { SiteFixture } from '../../fixtures/sites/types';
import { siteSuite } from './site-suite';

/**
 * Every site's unit checks, generated from its fixture (test/fixtures/sites/<id>/fixture.ts: pages, title selector,
 * URLs it must not claim) and its integration's example URLs — as the real-browser suite does. A new site's
 * fixture is picked up here with nothing else to write; site-specific checks live in <id>.test.ts beside this.
 */
const modules = import.meta.glob<{ fixture: SiteFixture }>('../../fixtures/sites/*/fixture.ts', { eager: true });
const fixtures = Object.values(modules).map((m) => m.fixture);
const root = join(fileURLToPath(import.meta.url), '../../../fixtures/sites');

it('finds every site fixture, each for a known integration', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(19);
  for (const f of fixtures) expect(integrationById(f.integration), f.integration).toBeDefined();
});

for (const fixture of fixtures) {
  const integration = integrationById(fixture.integration);
  if (!integration) continue;
  describe(fixture.integration, () => siteSuite(integration, fixture, join(root, fixture.integration)));
}
