// The read-back timesheet's words (lib/sync/readback.ts): an entry whose tracker copy changed while a local edit
// waited (components/popup/EntryItem.tsx) and the week per project (components/popup/WeekProjects.tsx).
// Merged into the dictionaries of scripts/locales.mjs (same rules: {name} placeholders).

const NB = '\u00a0';

export const en = {
  entry_changed_elsewhere: 'Changed in {provider} too: your edit replaces it when it syncs',
  week_projects_caption: 'Time tracked per project this week',
  // an entry read back from a workspace that allows entries without a project
  no_project: 'No project',
};

export const fr = {
  entry_changed_elsewhere: `Modifiée aussi dans {provider}${NB}: votre modification la remplace à la synchronisation`,
  week_projects_caption: 'Temps suivi par projet cette semaine',
  no_project: 'Sans projet',
};
