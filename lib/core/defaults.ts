import type { Settings } from './schemas';

/** Defaults with no dependencies: the extension pages import them without shipping a schema library. */
export const DEFAULT_SETTINGS: Settings = {
  notesTemplate: '#{id} {title}',
  attachTask: true,
  weekStart: 'monday',
  roundingMinutes: 0,
  clock: 'auto',
};
