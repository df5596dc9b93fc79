import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SiteFixture } from '../fixtures/sites/types';
import type { HostsServer } from './hosts-server';

export const SITES_DIR = resolve('test/fixtures/sites');

/** Every site fixture (test/fixtures/sites/<id>/fixture.ts), in folder order. */
export async function loadFixtures(): Promise<SiteFixture[]> {
  const dirs = readdirSync(SITES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory());
  const out: SiteFixture[] = [];
  for (const d of dirs) {
    const mod = (await import(join(SITES_DIR, d.name, 'fixture.ts'))) as { fixture: SiteFixture };
    out.push(mod.fixture);
  }
  return out;
}

export const fixtureHtml = (fixture: SiteFixture, file: string) => readFileSync(join(SITES_DIR, fixture.integration, file), 'utf8');

/** Serves every page of the fixtures at its real URL. */
export function serveFixtures(server: HostsServer, fixtures: readonly SiteFixture[]): void {
  for (const f of fixtures) for (const p of f.pages) server.page(p.url, fixtureHtml(f, p.file));
}
