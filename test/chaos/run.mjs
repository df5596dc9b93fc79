#!/usr/bin/env node
// Chaos, long form: `npm run chaos -- --ops 1000` (builds the Chrome bundle first, then runs this).
//
//   npm run chaos                         30 ops, a fresh random seed (printed)
//   npm run chaos -- --ops 1000           the long form (about 0.5–1.5 s per op)
//   npm run chaos -- --seed 123 --ops 40  replays a seed: the same actions and faults in the same order (the
//                                         browser's and the network's timing are not replayed: rerun a race)
//   npm run chaos -- --runs 5 --ops 200   five runs, five seeds; stops at the first failing one
//   npm run chaos -- --quiet              no per-op trace (it is still printed when a run fails)
//
// Each run drives the production build in real Chromium against the Harvest emulator: a seeded random sequence of
// start / stop / manual save / edit / delete / continue across two GitHub issue tabs and the popup, while the service
// worker is killed, the network goes down and Harvest answers 429, 5xx, drops or commits-then-drops (see
// test/chaos/engine.ts). At the end every local entry booked to Harvest must be in Harvest exactly once, right.
// It runs test/e2e/chaos.test.ts through vitest with CHAOS_OPS / CHAOS_SEED / CHAOS_VERBOSE; the build under test
// is .output/chrome-mv3, or STINT_BUILD_DIR. Exit code: 0 when every run passed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function parse(argv) {
  const out = { ops: 30, seed: undefined, runs: 1, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || !/^\d+$/.test(v)) throw new Error(`${a} needs a whole number`);
      return Number(v);
    };
    if (a === '--ops') out.ops = value();
    else if (a === '--seed') out.seed = value();
    else if (a === '--runs') out.runs = value();
    else if (a === '--quiet') out.quiet = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else throw new Error(`unknown option ${a} (try --help)`);
  }
  return out;
}

let opts;
try {
  opts = parse(process.argv.slice(2));
} catch (err) {
  console.error(String(err.message ?? err));
  process.exit(2);
}
if (opts.help) {
  console.log('npm run chaos -- [--ops N] [--seed S] [--runs R] [--quiet]   (see test/chaos/run.mjs)');
  process.exit(0);
}

const require = createRequire(import.meta.url);
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');

for (let run = 1; run <= opts.runs; run++) {
  const seed = opts.seed !== undefined ? opts.seed + run - 1 : Math.floor(Math.random() * 2 ** 31);
  console.log(`\n== chaos run ${run}/${opts.runs}: seed ${seed}, ${opts.ops} ops`);
  const result = spawnSync(
    process.execPath,
    // The default reporter only: the JSON report of `npm test` is not overwritten by a chaos run.
    [vitest, 'run', '--project', 'e2e', 'test/e2e/chaos.test.ts', '-t', 'random ops', '--reporter', 'default'],
    {
      stdio: 'inherit',
      env: { ...process.env, CHAOS_OPS: String(opts.ops), CHAOS_SEED: String(seed), CHAOS_VERBOSE: opts.quiet ? '0' : '1' },
    },
  );
  if (result.status !== 0) {
    console.error(`\nchaos FAILED with seed ${seed} (replay: npm run chaos -- --seed ${seed} --ops ${opts.ops})`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\nchaos: ${opts.runs} run(s) of ${opts.ops} ops passed`);
