import { signal } from '@preact/signals';
import type { Entry } from './entry';
import { DEFAULT_SETTINGS, items, readEntries, readSettings, readTimer, type Settings } from './storage';

/** Storage mirrored into signals for the extension pages: the UIs render from storage, never own the truth. */
export const timer = signal<Entry | null>(null);
export const entries = signal<Entry[]>([]);
export const settings = signal<Settings>(DEFAULT_SETTINGS);
/** Ticks once a second while a timer runs, so elapsed times re-render. */
export const now = signal(Date.now());

export async function connectState(): Promise<() => void> {
  [timer.value, entries.value, settings.value] = await Promise.all([readTimer(), readEntries(), readSettings()]);
  const unwatch = [
    items.timer.watch(() => void readTimer().then((v) => (timer.value = v))),
    items.entries.watch(() => void readEntries().then((v) => (entries.value = v))),
    items.settings.watch(() => void readSettings().then((v) => (settings.value = v))),
  ];
  const tick = setInterval(() => {
    if (timer.value) now.value = Date.now();
  }, 1000);
  return () => {
    for (const u of unwatch) u();
    clearInterval(tick);
  };
}
