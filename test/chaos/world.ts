import type { HarvestEmulator } from '../emulators/harvest';
import type { Stint } from '../support/browser';
import { sleep } from './model';
import type { Rng } from './prng';

/**
 * The chaos run's world (test/chaos/engine.ts): between the user's ops it kills the service worker, cuts the
 * network for a few ops, or makes the Harvest emulator answer 429, 5xx, drop connections, or commit then drop.
 */

export interface WorldDeps {
  rnd: Rng;
  emu: HarvestEmulator;
  stint: Stint;
  log(line: string): void;
  /** Counts a fault by kind. */
  tally(kind: string): void;
}

export function chaosWorld({ rnd, emu, stint: s, log, tally }: WorldDeps) {
  let outage = 0;
  async function kill(n: number) {
    try {
      await s.killWorker();
      log(`#${n} ~ service worker killed`);
    } catch (err) {
      log(`#${n} ~ kill skipped: ${(err as Error).message}`);
    }
  }
  async function fault(n: number): Promise<(() => Promise<void>) | null> {
    const kind = rnd.weighted({ kill: 26, outage: 12, storm: 14, fail5xx: 14, drop: 10, commitThenDrop: 16, slowKill: 8 });
    tally(kind);
    switch (kind) {
      case 'kill':
        await kill(n);
        return null;
      case 'outage':
        outage = rnd.int(1, 3);
        emu.faults.setDown('drop');
        log(`#${n} ~ network down for ${outage} ops`);
        return null;
      case 'storm': {
        const k = rnd.int(1, 6);
        emu.faults.rateLimitStorm(k, { retryAfterSec: 1 });
        log(`#${n} ~ next ${k} requests answer 429 (Retry-After: 1)`);
        return null;
      }
      case 'fail5xx': {
        const k = rnd.int(1, 3);
        const status = rnd.pick([500, 502, 503]);
        emu.faults.failNext(k, { status, path: /^\/v2\/time_entries/ });
        log(`#${n} ~ next ${k} time-entry requests answer ${status}`);
        return null;
      }
      case 'drop': {
        const k = rnd.int(1, 2);
        emu.faults.dropNext(k, { path: /^\/v2\/time_entries/ });
        log(`#${n} ~ next ${k} time-entry requests dropped`);
        return null;
      }
      case 'commitThenDrop': {
        const method = rnd.pick(['POST', 'PATCH', 'DELETE', 'POST']);
        const k = rnd.int(1, 2);
        emu.faults.commitThenDrop(k, { method, path: /^\/v2\/time_entries/ });
        log(`#${n} ~ next ${k} ${method} time-entry requests commit, then the connection drops`);
        return null;
      }
      case 'slowKill': {
        const latency = rnd.int(600, 1500);
        emu.faults.setLatency(latency);
        log(`#${n} ~ ${latency} ms latency; the worker dies while requests are in flight`);
        return async () => {
          await sleep(rnd.int(150, 500));
          await kill(n);
          emu.faults.setLatency(0);
        };
      }
    }
  }

  /** After each op: an outage ends once its ops have passed. */
  function afterOp(n: number): void {
    if (outage > 0 && --outage === 0) {
      emu.faults.setDown(false);
      log(`#${n} ~ network back`);
    }
  }

  return { fault, afterOp };
}
