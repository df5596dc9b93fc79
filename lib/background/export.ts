import { entriesCsv, type SyncState } from '../core/csv';
import type { Entry } from '../core/entry';
import * as store from '../state/store';
import { isDirty } from '../sync/outbox';

/** Every entry as CSV (options → Data), with where it stands in the sync. */
export async function exportCsv(): Promise<string> {
  const [entries, outbox, accounts] = await Promise.all([store.allEntries(), store.outbox(), store.get('accounts')]);
  const syncState = (e: Entry): SyncState => {
    const rec = outbox[e.id];
    if (!e.booking) return 'local';
    if (!rec) return 'synced';
    if (rec.nextAt === null && rec.error) return 'refused';
    return isDirty(rec) ? 'waiting' : 'synced';
  };
  const names = new Map(accounts.map((a) => [a.id, a.accountName]));
  return entriesCsv(entries, { accountName: (a) => names.get(a) ?? a, syncState });
}
