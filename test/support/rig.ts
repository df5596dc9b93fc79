import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '../emulators/types';
import type { SiteFixture } from '../fixtures/sites/types';
import { launchStint, rememberGrant, type Stint } from './browser';
import { serveFixtures } from './fixtures';
import { HostsServer } from './hosts-server';

/**
 * The setup most real-browser suites share: the loopback HTTPS server answering every host name (with the tracker
 * emulators and site fixtures a suite needs), and Chromium with the production build, in a profile of its own
 * where the suite needs sites allowed (`grants`). Suites that relaunch mid-way still call launchStint themselves.
 */
export interface Rig {
  server: HostsServer;
  stint: Stint;
  /** Closes the browser, then the server. */
  close(): Promise<void>;
}

export async function startStint(
  opts: {
    emulators?: readonly Emulator[];
    fixtures?: readonly SiteFixture[];
    /** More pages by URL (HTML). */
    pages?: Readonly<Record<string, string>>;
    keepWelcome?: boolean;
    /** The browser's time zone (IANA), where a suite's dates depend on it; the machine's by default. */
    timezone?: string;
    /**
     * Origins the user has allowed the extension (optional host permissions), e.g. "https://github.com": Chrome's
     * prompt cannot be clicked, so a first launch installs, and the grants are recorded in its closed profile
     * (rememberGrant) before the launch the suite uses.
     */
    grants?: readonly string[];
  } = {},
): Promise<Rig> {
  const server = await new HostsServer().start();
  const profileDir = opts.grants?.length ? mkdtempSync(join(tmpdir(), 'stint-rig-')) : undefined;
  const removeProfile = () => {
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    for (const emu of opts.emulators ?? []) server.emulator(emu);
    serveFixtures(server, opts.fixtures ?? []);
    for (const [url, html] of Object.entries(opts.pages ?? {})) server.page(url, html);
    const launch = () => launchStint({ port: server.port, profileDir, keepWelcome: opts.keepWelcome, timezone: opts.timezone });
    if (profileDir) {
      const first = await launch();
      await first.close();
      for (const origin of opts.grants ?? []) rememberGrant(profileDir, first.extensionId, origin);
    }
    const stint = await launch();
    return {
      server,
      stint,
      async close() {
        await stint.close();
        await server.stop();
        removeProfile();
      },
    };
  } catch (err) {
    await server.stop();
    removeProfile();
    throw err;
  }
}
