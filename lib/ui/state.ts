import { signal } from '@preact/signals';
import type { Entry } from '../core/entry';
import type { Account, AccountStatus } from '../core/schemas';
import type { Assignment } from '../providers/types';
import {
  DEFAULT_SETTINGS,
  items,
  readAccounts,
  readEntries,
  readOutbox,
  readSettings,
  readStatus,
  readTimer,
  type Settings,
} from '../state/storage';
import { pendingByAccount } from '../sync/outbox';

/** Storage mirrored into signals for the extension pages: the UIs render from storage, never own the truth. */
export const timer = signal<Entry | null>(null);
export const entries = signal<Entry[]>([]);
export const settings = signal<Settings>(DEFAULT_SETTINGS);
export const accounts = signal<Account[]>([]);
export const defaultAccount = signal<string>('local');
export const assignments = signal<Record<string, { fetchedAt: number; list: Assignment[] }>>({});
export const status = signal<Record<string, AccountStatus>>({});
export const lastBooking = signal<Record<string, { accountId: string; projectId: string; taskId: string } | null>>({});
/** Changes waiting to sync, per account id. */
export const pending = signal<Record<string, number>>({});
/** Ticks once a second while a timer runs, so elapsed times re-render. */
export const now = signal(Date.now());

const loaders = [
  [items.timer, async () => (timer.value = await readTimer())],
  [items.settings, async () => (settings.value = await readSettings())],
  [items.entries, async () => (entries.value = await readEntries())],
  [items.accounts, async () => (accounts.value = await readAccounts())],
  [items.defaultAccount, async () => (defaultAccount.value = await items.defaultAccount.getValue())],
  [items.assignments, async () => (assignments.value = await items.assignments.getValue())],
  [items.status, async () => (status.value = await readStatus())],
  [items.lastBooking, async () => (lastBooking.value = await items.lastBooking.getValue())],
  [items.outbox, async () => (pending.value = pendingByAccount(await readOutbox()))],
] as const;

/**
 * Loads every item into its signal and follows changes. With `firstPaint` (the popup) it resolves once the running
 * timer and the settings are in, and the rest (entries, accounts, the project cache…) fills in as it arrives;
 * otherwise once everything is loaded (the modal's form starts from the remembered project/task).
 */
export async function connectState({ firstPaint = false } = {}): Promise<() => void> {
  const loads = loaders.map(([, load]) => load());
  if (firstPaint) {
    for (const later of loads.slice(2)) later.catch((err) => console.error('Stint: could not load', err));
    await Promise.all(loads.slice(0, 2));
  } else await Promise.all(loads);
  const unwatch = loaders.map(([item, load]) => (item as { watch(cb: () => void): () => void }).watch(() => void load()));
  const tick = setInterval(() => {
    if (timer.value) now.value = Date.now();
  }, 1000);
  return () => {
    for (const u of unwatch) u();
    clearInterval(tick);
  };
}
