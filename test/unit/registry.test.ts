import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentScriptMatches, contentScripts, integrations, integrationsForUrl, originPatterns, scriptOf } from '../../lib/integrations';
import { matchesAny, patternToRegExp } from '../../lib/integrations/match';

const empty = () => document.implementation.createHTMLDocument('');

describe('integration registry', () => {
  it('has unique ids', () => {
    const ids = integrations.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const integration of integrations) {
    describe(integration.id, () => {
      it('has match patterns, anchors with placement, and example URLs its patterns cover', () => {
        expect(integration.matches.length).toBeGreaterThan(0);
        expect(integration.anchor.length).toBeGreaterThan(0);
        for (const p of integration.matches) expect(() => patternToRegExp(p)).not.toThrow();
        // Task URLs must be covered by the declared patterns, except self-hosted samples on other domains.
        const hosted = (url: string) =>
          integration.matches.some((p) => new URL(url).hostname.endsWith(p.split('/')[2]?.replace('*.', '') ?? ''));
        for (const { url, taskId } of integration.exampleUrls) {
          if (taskId !== null && (!integration.selfHosted || hosted(url))) expect(matchesAny(url, integration.matches), url).toBe(true);
        }
      });

      it.each(integration.exampleUrls.map((e) => [e.url, e.taskId] as const))('%s → %s', (url, taskId) => {
        expect(integration.task(new URL(url), empty())?.id ?? null).toBe(taskId);
      });

      it('example task URLs are claimed by no other integration', () => {
        for (const { url, taskId } of integration.exampleUrls) {
          if (taskId === null) continue;
          const claimants = integrations.filter(
            (o) => o !== integration && matchesAny(url, originPatterns(o)) && o.task(new URL(url), empty()),
          );
          expect(
            claimants.map((c) => c.id),
            url,
          ).toEqual([]);
        }
      });

      it('never throws on odd URLs', () => {
        for (const base of integration.matches.map((p) => p.replace('*://', 'https://').replace(/\*\./g, 'x.').replace(/\*/g, ''))) {
          for (const path of ['', '/', '/%E0%A4%A', '/a/b/c/d/e/f/g', `/${'a/'.repeat(300)}`, '/?q=<script>', '/#frag']) {
            expect(() => integration.task(new URL(path, base), empty())).not.toThrow();
          }
        }
      });
    });
  }

  it('declares the content script on the hosted services only, never on every URL', () => {
    const matches = contentScriptMatches();
    expect(matches).not.toContain('<all_urls>');
    expect(matches.filter((m) => /^\*:\/\/\*\/|^https?:\/\/\*\//.test(m))).toEqual([]);
  });

  // One test per file: each imports its entrypoint's whole module graph (all 20 in one test took 5 s on a loaded machine).
  const dir = resolve('entrypoints');
  const files = readdirSync(dir).filter((f) => f.endsWith('.content.ts'));

  it('has one content script per site (entrypoints/<name>.content.ts), and every integration ships in exactly one', () => {
    expect(files.map((f) => f.replace('.content.ts', '')).sort()).toEqual(Object.keys(contentScripts).sort());
    expect(
      Object.values(contentScripts)
        .flat()
        .sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual([...integrations].sort((a, b) => a.id.localeCompare(b.id)));
    expect(scriptOf('gitlab')).toBe('gitlab');
    expect(scriptOf('harvest-platform')).toBe('markup');
    expect(scriptOf('nope')).toBeUndefined();
  });

  it.each(files)('%s is declared for its site only', async (file) => {
    const site = contentScripts[file.replace('.content.ts', '')] ?? [];
    const { default: script } = (await import(/* @vite-ignore */ resolve(dir, file))) as { default: { matches: string[] } };
    expect(script.matches, file).toEqual([...new Set(site.flatMap(originPatterns))].sort());
    // A site whose buttons show in hovered rows (Integration.hover) gets the pointer placement from its entrypoint,
    // and only such a site carries it (lib/inject/hover.ts): without it its hover buttons would never appear.
    const passesHover = /\{\s*hover:\s*startHover\s*\}/.test(readFileSync(resolve(dir, file), 'utf8'));
    expect(passesHover, `${file} passes the pointer placement`).toBe(site.some((i) => i.hover !== undefined));
  });

  it('finds the integrations for a page', () => {
    expect(integrationsForUrl('https://github.com/o/r/issues/1').map((i) => i.id)).toContain('github');
    expect(integrationsForUrl('https://example.com/')).toEqual([]);
  });
});

describe('match patterns', () => {
  it('follow the manifest rules', () => {
    expect(patternToRegExp('https://*.atlassian.net/*').test('https://acme.atlassian.net/browse/X-1')).toBe(true);
    expect(patternToRegExp('https://*.atlassian.net/*').test('https://atlassian.net/')).toBe(true);
    expect(patternToRegExp('https://*.atlassian.net/*').test('https://evil.net/?atlassian.net')).toBe(false);
    expect(patternToRegExp('https://*.atlassian.net/*').test('https://acme.atlassian.net.evil.com/')).toBe(false);
    expect(patternToRegExp('http://localhost/*').test('http://localhost:5173/board')).toBe(true);
    expect(patternToRegExp('*://gitlab.com/*').test('http://gitlab.com/a')).toBe(true);
    expect(() => patternToRegExp('github.com')).toThrow();
  });
});
