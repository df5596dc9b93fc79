import { describe, expect, it } from 'vitest';
import { entry, syncRecord } from '../../test/support/entries';
import { serial } from '../background/service';
import type { Provider, RemoteEntry } from '../providers/types';
import * as store from '../state/store';
import { createSyncEngine } from './engine';
import { account, booking, day, engineRig } from './engine.fixture';
import { createPacers } from './pacer';

/**
 * The sync engine's read-back (lib/sync/readback.ts): what a look (the popup opened) brings from the tracker —
 * entries and a timer made elsewhere — against the in-memory provider of engine.fixture.ts.
 */

const rig = engineRig();

describe('the read-back on a look (the popup opened)', () => {
  const remoteEntry = (remoteId: string, over: Partial<RemoteEntry> = {}): RemoteEntry => ({
    remoteId,
    running: false,
    day,
    durationMs: 3_600_000,
    notes: `made elsewhere ${remoteId}`,
    projectId: 'p1',
    taskId: 't1',
    startedAt: null,
    createdAt: Date.now(),
    ...over,
  });
  /** The memory tracker with a listing, counting the timer polls and the listings. */
  function listing() {
    const asked = { running: 0, lists: 0 };
    const provider: Provider = {
      ...rig.mem.provider,
      running: async () => {
        asked.running++;
        return rig.mem.provider.running();
      },
      entriesBetween: async (from, to) => {
        asked.lists++;
        return [...rig.mem.remote.values()].filter((r) => r.day >= from && r.day <= to);
      },
    };
    const exclusive = serial();
    const e = createSyncEngine({ exclusive, providerFor: async () => provider, pacers: createPacers(), now: () => rig.clock });
    return { asked, engine: e };
  }

  it('a look right after the last one is taken when its turn comes, not dropped: a timer stopped meanwhile stops here', async () => {
    rig.mem.remote.set('r9', remoteEntry('r9', { running: true, startedAt: Date.now() - 60_000, durationMs: 0 }));
    const { asked, engine: e } = listing();
    await e.poll('look'); // the listing, which stands for the poll
    expect((await store.get('timer'))?.notes).toBe('made elsewhere r9');
    rig.mem.remote.set('r9', { ...(rig.mem.remote.get('r9') as RemoteEntry), running: false, durationMs: 60_000 });
    // At once: the listing's wider spread holds it back, and a poll's turn is a fraction of a second away (Harvest).
    const started = Date.now();
    await e.poll('look');
    expect(asked).toEqual({ running: 1, lists: 1 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await store.get('timer')).toBeNull();
  });

  it('brings entries and a timer made elsewhere with one listing, which stands for the timer poll', async () => {
    rig.mem.remote.set('r1', remoteEntry('r1'));
    rig.mem.remote.set('r2', remoteEntry('r2', { running: true, startedAt: Date.now() - 60_000, durationMs: 0 }));
    const { asked, engine: e } = listing();
    await e.poll('look');
    expect(asked).toEqual({ running: 0, lists: 1 });
    const entries = await store.allEntries();
    expect(entries.map((x) => [x.notes, x.booking?.projectName])).toEqual([['made elsewhere r1', 'Engine']]);
    expect((await store.get('timer'))?.notes).toBe('made elsewhere r2');
    // Both bound to their remote ids: a second look adds nothing, and an edit is an update, never a create.
    rig.clock += 3_600_000;
    await e.poll('look');
    expect((await store.allEntries()).length).toBe(1);
    const id = entries[0]?.id ?? '';
    expect(await rig.handle({ type: 'entry.update', id, notes: 'edited here' }, 'extension-page')).toEqual({ ok: true });
    await e.flush();
    expect(rig.mem.calls).toEqual(['update']);
    expect(rig.mem.remote.get('r1')?.notes).toBe('edited here');
  });

  it('asks for the timer itself when the local one started before the week (the listing cannot tell)', async () => {
    const started = new Date();
    started.setDate(started.getDate() - 8);
    await store.write({
      kv: {
        timer: entry('old-timer', {
          notes: 'since last week',
          day: started.toLocaleDateString('en-CA'),
          startedAt: started.getTime(),
          durationMs: 0,
          running: true,
          booking: { ...booking, projectName: 'Engine', taskName: 'Build' },
          createdAt: started.getTime(),
          updatedAt: started.getTime(),
        }),
      },
      // Synced to the account a week ago: the week's listing cannot say whether it still runs there.
      outbox: {
        'old-timer': syncRecord('old-timer', {
          accountId: account.id,
          remoteId: 'r-old',
          wantVersion: started.getTime(),
          pushedVersion: started.getTime(),
          remoteRunning: true,
        }),
      },
    });
    rig.mem.remote.set(
      'r-old',
      remoteEntry('r-old', { running: true, day: started.toLocaleDateString('en-CA'), startedAt: started.getTime() }),
    );
    const { asked, engine: e } = listing();
    await e.poll('look');
    expect(asked).toEqual({ running: 1, lists: 1 });
    expect((await store.get('timer'))?.id).toBe('old-timer'); // still running there: kept
  });

  it('a timer started while the week was listed is asked for itself (the listing may predate it)', async () => {
    const { asked, engine: e } = listing();
    const list = rig.mem.provider;
    // The listing answers, then the user starts a timer that syncs before the look compares.
    const slow: Provider = {
      ...list,
      running: async () => {
        asked.running++;
        return list.running();
      },
      entriesBetween: async () => {
        asked.lists++;
        expect(await rig.handle({ type: 'timer.start', task: null, notes: 'started meanwhile', booking }, 'extension-page')).toEqual({
          ok: true,
        });
        await rig.engine.flush();
        return [];
      },
    };
    const e2 = createSyncEngine({ exclusive: serial(), providerFor: async () => slow, pacers: createPacers(), now: () => rig.clock });
    void e;
    await e2.poll('look');
    expect(asked.running).toBe(1);
    expect((await store.get('timer'))?.notes).toBe('started meanwhile'); // not taken for stopped elsewhere
  });
});
