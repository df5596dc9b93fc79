import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIREFOX_BUILD_DIR, GECKO_ID } from '../support/firefox';
import { auditManifest } from '../support/manifest-audit';

auditManifest('Firefox', FIREFOX_BUILD_DIR);

describe('the Firefox manifest', () => {
  const manifest = JSON.parse(readFileSync(join(FIREFOX_BUILD_DIR, 'manifest.json'), 'utf8'));
  it('names its add-on id, declares it collects no data, and runs on the ESR Debian ships', () => {
    expect(manifest.browser_specific_settings?.gecko?.id).toBe(GECKO_ID);
    expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions?.required).toEqual(['none']);
    // 140 is the ESR line of 2025-2026 (Debian's firefox-esr 140 and later install it).
    expect(Number.parseInt(manifest.browser_specific_settings?.gecko?.strict_min_version ?? '999', 10)).toBeLessThanOrEqual(140);
    // An event page, not a service worker (Firefox MV3).
    expect(manifest.background?.scripts?.length).toBeGreaterThan(0);
  });
});
