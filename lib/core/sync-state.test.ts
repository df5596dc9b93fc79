import { describe, expect, it } from 'vitest';
import { syncStateOf } from './sync-state';

describe('sync state', () => {
  const st = (state: string) => ({ state });
  it('a reconnect comes first, then refused entries, then what resolves by itself', () => {
    expect(syncStateOf(st('needs-reconnect'), 3, 1)).toBe('reconnect');
    expect(syncStateOf(st('offline'), 3, 1)).toBe('refused');
    expect(syncStateOf(st('offline'), 3, 0)).toBe('offline');
    expect(syncStateOf(st('rate-limited'), 1, 0)).toBe('rate-limited');
    expect(syncStateOf(st('trouble'), 1, 0)).toBe('trouble');
  });
  it('syncing while changes wait with nothing wrong; synced when nothing waits', () => {
    expect(syncStateOf(undefined, 2, 0)).toBe('syncing');
    expect(syncStateOf(st('ok'), 2, 0)).toBe('syncing');
    expect(syncStateOf(st('ok'), 0, 0)).toBe('synced');
    expect(syncStateOf(undefined, 0, 0)).toBe('synced');
    // Refused entries edited (sent again): the refused status no longer holds.
    expect(syncStateOf(st('refused'), 1, 0)).toBe('syncing');
  });
});
