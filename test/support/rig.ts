import type { Emulator } from '../emulators/types';
import type { SiteFixture } from '../fixtures/sites/types';
import { launchStint, type Stint } from './browser';
import { serveFixtures } from './fixtures';
import { HostsServer } from './hosts-server';

/**
 * The setup most real-browser suites share: the loopback HTTPS server answering every host name (with the tracker
 * emulators and site fixtures a suite needs), and Chromium with the production build. Suites that need a profile
 * of their own (a recorded permission grant) or a second launch still call launchStint themselves.
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
  } = {},
): Promise<Rig> {
  const server = await new HostsServer().start();
  try {
    for (const emu of opts.emulators ?? []) server.emulator(emu);
    serveFixtures(server, opts.fixtures ?? []);
    for (const [url, html] of Object.entries(opts.pages ?? {})) server.page(url, html);
    const stint = await launchStint({ port: server.port, keepWelcome: opts.keepWelcome, timezone: opts.timezone });
    return {
      server,
      stint,
      async close() {
        await stint.close();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
