import type { Settings } from './schemas';

/** Defaults with no dependencies: the extension pages import them without shipping a schema library. */
export const DEFAULT_SETTINGS: Settings = {
  notesTemplate: '#{id} {title}',
  attachTask: true,
  weekStart: 'monday',
  roundingMinutes: 0,
  clock: 'auto',
  idleMinutes: 10,
  endOfDay: '',
  maxTimerHours: 10,
  trackReminder: { enabled: false, days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00', afterMinutes: 15 },
  suggestions: false,
};
