import type { Account, AccountStatus } from '../core/schemas';
import { type SyncState, syncStateOf } from '../core/sync-state';
import { formatAgo, t, tp } from '../i18n';
import type { Snapshot } from '../protocol/replies';
import { providerName } from '../providers/catalog';

/** An account as the sync lines name it: its tracker ("Harvest"), and its name too when two share a tracker. */
export function accountLabel(account: Account, all: readonly Account[]): string {
  const name = providerName(account.provider);
  return all.filter((a) => a.provider === account.provider).length > 1 ? `${name} · ${account.accountName}` : name;
}

export interface SyncFacts {
  state: SyncState;
  status: AccountStatus | undefined;
  waiting: number;
  refused: number;
}

/** Where an account stands: its state (lib/core/sync-state.ts) with what it was derived from. */
export function syncFacts(account: Account, status: Snapshot['status'], pending: Snapshot['pending']): SyncFacts {
  const st = status[account.id];
  const waiting = pending.waiting[account.id] ?? 0;
  const refused = pending.refused[account.id] ?? 0;
  return { state: syncStateOf(st, waiting, refused), status: st, waiting, refused };
}

/** The popup's one line for an account: "Synced to Harvest · 2 min ago", "Server trouble at Harvest, retrying · 1 change waiting". */
export function syncLine(label: string, f: SyncFacts, now = Date.now()): string {
  const waiting = f.waiting > 0 ? tp('changes_waiting', f.waiting) : '';
  const withWaiting = (text: string) => (waiting ? `${text} · ${waiting}` : text);
  switch (f.state) {
    case 'synced':
      return f.status?.lastSyncAt ? t('sync_line_synced', label, formatAgo(f.status.lastSyncAt, now)) : t('sync_line_never', label);
    case 'syncing':
      return withWaiting(t('sync_line_syncing', label));
    case 'offline':
      return withWaiting(t('sync_line_offline', label));
    case 'rate-limited':
      return withWaiting(t('sync_line_rate', label));
    case 'trouble':
      return withWaiting(t('sync_line_trouble', label));
    case 'refused':
      return tp('sync_line_refused', f.refused, label);
    case 'reconnect':
      return withWaiting(t('sync_line_reconnect', label));
  }
}
