import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A provider emulator: a stateful Node request handler. The shared loopback HTTPS server
 * (test/support/hosts-server.ts) routes each request to the emulator whose `hosts` contain the
 * request's Host header (port stripped), so the production build talks to the real hostnames.
 */
export interface Emulator {
  /** Hostnames answered, e.g. ['api.harvestapp.com', 'id.getharvest.com']. */
  readonly hosts: readonly string[];
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}
