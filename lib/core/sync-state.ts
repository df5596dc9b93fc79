/**
 * An account's sync state as the pages word it, one of seven, from the engine's last status and what waits in
 * the outbox. Pure. The order is what matters most to the user: a reconnect blocks everything; a refused entry
 * needs them; offline, a rate limit and server trouble each resolve by themselves; then syncing, then synced.
 */
export type SyncState = 'reconnect' | 'refused' | 'offline' | 'rate-limited' | 'trouble' | 'syncing' | 'synced';

export function syncStateOf(status: { state: string } | undefined, waiting: number, refused: number): SyncState {
  if (status?.state === 'needs-reconnect') return 'reconnect';
  if (refused > 0) return 'refused';
  if (status?.state === 'offline' || status?.state === 'rate-limited' || status?.state === 'trouble') return status.state;
  return waiting > 0 ? 'syncing' : 'synced';
}
