import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Permissions audit of a production build under test: nothing broad, nothing unused (ARCHITECTURE.md "Trust
 * boundaries"). Run on the Chromium build (test/e2e/security-manifest.test.ts) and the Firefox build
 * (test/e2e-firefox/security-manifest.test.ts).
 */
export function auditManifest(browserName: 'Chromium' | 'Firefox', buildDir: string) {
  describe(`permissions (the manifest of the ${browserName} build under test)`, () => {
    const manifest = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8')) as {
      permissions?: string[];
      optional_permissions?: string[];
      host_permissions?: string[];
      optional_host_permissions?: string[];
      content_scripts?: { matches: string[] }[];
      web_accessible_resources?: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
      externally_connectable?: unknown;
      content_security_policy?: unknown;
    };
    const builtJs = (() => {
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else if (name.endsWith('.js')) files.push(readFileSync(path, 'utf8'));
        }
      };
      walk(buildDir);
      return files.join('\n');
    })();

    /**
     * Every API permission Stint may ask for, why, and the calls in the built code that show it is used. A new
     * permission fails here until it is added with its reason; a permission nothing calls fails too.
     */
    const ALLOWED: Record<string, { why: string; used: RegExp }> = {
      storage: { why: 'timer, entries, outbox and settings (local); OAuth access tokens (session)', used: /\.storage\.(local|session)\b/ },
      alarms: { why: 'sync retries and the badge’s minute tick outlive a stopped service worker', used: /\.alarms\.create\b/ },
      identity: { why: 'Harvest OAuth sign-in (launchWebAuthFlow)', used: /\.identity\.launchWebAuthFlow\b/ },
      contextMenus: { why: '"Start timer for this page" in the page context menu', used: /\.contextMenus\.create\b/ },
      activeTab: { why: '"Track this page" reads the active tab when the popup opens', used: /\.tabs\.query\b/ },
      scripting: { why: 'buttons on self-hosted domains the user adds (content scripts registered at runtime)', used: /\.scripting\.\w+/ },
      idle: {
        why: 'idle time while a timer ran (keep, discard, stop), and the activity behind the reminders',
        used: /\.idle\.onStateChanged\b/,
      },
      notifications: { why: 'the idle question, the forgotten-timer and the reminder to track', used: /\.notifications\.create\b/ },
    };

    /** The tracker APIs the background calls, and nothing else, are host permissions. */
    const API_HOSTS = new Set([
      'https://api.harvestapp.com/*',
      'https://id.getharvest.com/*',
      'https://api.clockify.me/*',
      'https://*.clockify.me/*',
      'https://api.track.toggl.com/*',
    ]);

    /** A match pattern naming a site: no <all_urls>, no `*` host, no wildcard over a public suffix (`*.com`). */
    const specific = (pattern: string) => {
      const m = /^(https?|\*):\/\/([^/]+)\//.exec(pattern);
      if (!m?.[2]) return false;
      const host = m[2];
      if (host === '*') return false;
      if (host.startsWith('*.')) return host.slice(2).includes('.');
      return !host.includes('*');
    };

    it('asks for no API permission without a reason, and none that nothing uses', () => {
      const problems: string[] = [];
      for (const p of [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])]) {
        const allowed = ALLOWED[p];
        if (!allowed) problems.push(`"${p}" is not in the allow-list of test/e2e/security-manifest.test.ts (add it with its reason)`);
        else if (!allowed.used.test(builtJs)) problems.push(`"${p}" is declared but no built script uses it (${allowed.why})`);
      }
      expect(problems).toEqual([]);
    });

    it('has host access only to the trackers’ APIs, and content scripts only on named sites', () => {
      for (const p of manifest.host_permissions ?? []) expect(API_HOSTS.has(p), `host permission ${p}`).toBe(true);
      const scriptMatches = (manifest.content_scripts ?? []).flatMap((c) => c.matches);
      expect(scriptMatches.length).toBeGreaterThan(0);
      for (const p of scriptMatches) expect(specific(p), `content script match ${p}`).toBe(true);
      expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    });

    it('exposes only the modal to pages, at an unguessable address when any site may frame it', () => {
      for (const w of manifest.web_accessible_resources ?? []) {
        expect(w.resources).toEqual(['modal.html']);
        expect(w.matches).not.toContain('<all_urls>');
        // Framable on every site (self-hosted task pages included) only behind Chrome's per-session dynamic URL:
        // exposing a page grants no access to sites, but a fixed chrome-extension:// address would fingerprint
        // Stint's users. Firefox has no dynamic URL; its moz-extension:// host is a random id per install, so the
        // address is unguessable across installs (a framed copy still acts on nothing: lib/background/modals.ts).
        if (!w.matches.every(specific) && browserName === 'Chromium')
          expect(w.use_dynamic_url, `modal.html is web-accessible on ${w.matches.join(' ')}`).toBe(true);
      }
    });

    it('asks for any other site only at runtime, and no web page can message the extension', () => {
      // Self-hosted domains: broad optional host permissions are fine as long as each is requested for one origin
      // at the moment the user adds it (permissions.request); never granted at install.
      if ((manifest.optional_host_permissions ?? []).length > 0) {
        expect(/\.permissions\.request\b/.test(builtJs), 'optional host permissions declared but never requested').toBe(true);
      }
      expect(manifest.externally_connectable).toBeUndefined();
      expect(JSON.stringify(manifest.content_security_policy ?? {})).not.toMatch(/unsafe-eval|https?:/);
    });
  });
}
