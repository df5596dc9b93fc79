// Generates public/_locales/{en,fr}/messages.json from the dictionaries below ({name} → $NAME$ placeholders,
// numbered in the order they first appear in the English message; French uses the same numbering).
// The background's messages (lib/) are in scripts/locales-background.mjs and the options page's in
// scripts/locales-options.mjs, the welcome page's in scripts/locales-welcome.mjs,
// the sync states' in scripts/locales-sync.mjs, meetings' in scripts/locales-meet.mjs, idle time and reminders' in
// scripts/locales-activity.mjs, tags and billable in scripts/locales-tags.mjs, on-device suggestions in
// scripts/locales-suggest.mjs, merged in below.
// Edit here, then: node scripts/locales.mjs (test/unit/i18n.test.ts fails when the JSON is out of date).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { en as enActivity, fr as frActivity } from './locales-activity.mjs';
import { en as enBackground, fr as frBackground } from './locales-background.mjs';
import { en as enMeet, fr as frMeet } from './locales-meet.mjs';
import { en as enOptions, fr as frOptions } from './locales-options.mjs';
import { en as enReadback, fr as frReadback } from './locales-readback.mjs';
import { en as enSuggest, fr as frSuggest } from './locales-suggest.mjs';
import { en as enSync, fr as frSync } from './locales-sync.mjs';
import { en as enTags, fr as frTags } from './locales-tags.mjs';
import { en as enWelcome, fr as frWelcome } from './locales-welcome.mjs';

const NB = '\u00a0';
const en = {
  ext_name: 'Stint — time tracking on your task pages',
  ext_description: 'A Start timer button on GitHub, Jira, Trello and more. Syncs to Harvest, Clockify, Toggl, or keeps time locally.',
  app_name: 'Stint',
  modal_doc_title: 'Stint timer',
  modal_frame_title: 'Stint timer',
  options_title: 'Stint options',
  // browser menus and shortcuts (entrypoints/background.ts, manifest commands); %s is the selected text
  menu_start_page: 'Start timer for this page',
  menu_start_selection: 'Start timer with “%s” as notes',
  command_toggle: 'Stop the running timer, or start the last one again',
  // injected button (lib/inject/button.ts)
  button_start: 'Start timer',
  button_stop: 'Stop timer',
  button_track_title: 'Track time: {title}',
  button_track_default: 'Track time with Stint',
  button_running_title: '{elapsed} tracked — click to stop',
  // the dock (lib/inject/dock.ts): the button in a corner of a task page whose layout Stint does not know
  dock_hide: 'Hide this corner button on this site',
  // common
  close: 'Close',
  cancel: 'Cancel',
  save: 'Save',
  edit: 'Edit',
  delete: 'Delete',
  remove: 'Remove',
  just_now: 'just now',
  // modal / timer form
  modal_title: 'Track time',
  running_title: 'Running timer',
  picker_label: 'Project / task',
  picker_placeholder: 'Type a client, project, code or task',
  picker_local: 'Local (this browser only)',
  // where the entry goes (components/shared/Destination.tsx), what a start stops (StopsNote.tsx)
  destination_label: 'Goes to:',
  destination_account: '{provider} · {account}',
  stops_running: 'Stops: {what}, {elapsed}',
  picker_recent: 'Recent',
  picker_no_match: 'No project or task matches “{query}”.',
  picker_help: 'Type to filter. Up and down arrows move through the list, Enter chooses, Escape closes the list.',
  picker_results_one: '{count} match',
  picker_results_other: '{count} matches',
  picker_more_one: '{count} more: keep typing to narrow the list',
  picker_more_other: '{count} more: keep typing to narrow the list',
  notes_label: 'Notes',
  attach_task: 'Attach task id, title and link',
  time_label: 'Time',
  time_placeholder: '0:00',
  time_help_start: 'Leave empty to start a timer, or type a duration or a range to save an entry.',
  time_help_edit: 'A duration or a range.',
  time_formats: 'Accepted: 1:30, 1.5, 1.5h, 90m, 1h 30m, 9:00-10:30, 9am-10:30am.',
  time_invalid: '“{input}” is not a duration (more than 0, at most 24 hours).',
  time_bad_range: '“{input}” is not a time range.',
  time_backwards: 'The range {input} ends before it starts.',
  date_label: 'Date',
  start_timer: 'Start timer',
  stop_timer: 'Stop timer',
  save_entry: 'Save entry',
  save_changes: 'Save changes',
  changes_saved: 'Changes saved.',
  running_since: 'since {time}',
  elapsed_words: 'Elapsed: {duration}',
  untitled_timer: 'Timer',
  announce_started: 'Timer started: {title}.',
  announce_stopped: 'Timer stopped: {title}, after {duration}.',
  // popup
  stop: 'Stop',
  edit_running: 'Change notes or project',
  track_page: 'Track this page',
  track_page_unavailable: 'This page cannot be tracked: the timer will have no task.',
  open_options: 'Open options',
  today: 'Today',
  today_empty: 'Nothing tracked today yet: start above, or with the clock button on a task page.',
  // popup: start and continue (components/popup/QuickStart.tsx, ContinueList.tsx)
  quick_label: 'What are you working on?',
  quick_placeholder: 'Notes, for example: review the release plan',
  quick_link_account: 'Link an account',
  continue_heading: 'Continue recent work',
  track_page_running: 'This page’s task is the timer running above.',
  week_day_empty: 'nothing tracked',
  under_a_minute: 'less than a minute',
  total_words: 'Total: {duration}',
  no_notes: '(no notes)',
  local_booking: 'Local',
  entry_continue: 'Continue',
  entry_continue_label: 'Continue “{title}”',
  entry_edit_label: 'Edit “{title}”',
  entry_delete_label: 'Delete “{title}”',
  entry_saved: 'Entry saved.',
  entry_deleted: 'Entry deleted.',
  delete_confirm: 'Delete this entry?',
  week: 'This week',
  week_caption: 'Time tracked each day this week',
  // sync banner: its lines are worded in scripts/locales-sync.mjs
  changes_waiting_one: '{count} change waiting',
  changes_waiting_other: '{count} changes waiting',
  ...enActivity,
  ...enSuggest,
  ...enOptions,
  ...enWelcome,
  ...enSync,
  ...enTags,
  ...enReadback,
  ...enMeet,
  // timer form: the workspace's required fields
  required_missing: 'This workspace requires {fields} on every entry.',
  ...enBackground,
};

const fr = {
  ext_name: 'Stint — suivi du temps sur vos pages de tâches',
  ext_description: `Un bouton Démarrer sur GitHub, Jira, Trello et d’autres. Synchronise avec Harvest, Clockify, Toggl, ou garde le temps en local.`,
  menu_start_page: 'Démarrer un minuteur pour cette page',
  menu_start_selection: 'Démarrer un minuteur avec «\u00a0%s\u00a0» comme notes',
  command_toggle: 'Arrêter le minuteur en cours, ou relancer le dernier',
  app_name: 'Stint',
  modal_doc_title: 'Minuteur Stint',
  modal_frame_title: 'Minuteur Stint',
  options_title: 'Options de Stint',
  button_start: 'Démarrer le minuteur',
  button_stop: 'Arrêter le minuteur',
  button_track_title: `Suivre le temps${NB}: {title}`,
  button_track_default: 'Suivre le temps avec Stint',
  button_running_title: `{elapsed} suivi — cliquez pour arrêter`,
  dock_hide: 'Masquer ce bouton d’angle sur ce site',
  close: 'Fermer',
  cancel: 'Annuler',
  save: 'Enregistrer',
  edit: 'Modifier',
  delete: 'Supprimer',
  remove: 'Retirer',
  just_now: 'à l’instant',
  modal_title: 'Suivre le temps',
  running_title: 'Minuteur en cours',
  picker_label: 'Projet / tâche',
  picker_placeholder: 'Tapez un client, un projet, un code ou une tâche',
  picker_local: 'Local (ce navigateur uniquement)',
  destination_label: `Va dans${NB}:`,
  destination_account: '{provider} · {account}',
  stops_running: `Arrête${NB}: {what}, {elapsed}`,
  picker_recent: 'Récent',
  picker_no_match: `Aucun projet ni aucune tâche ne correspond à «${NB}{query}${NB}».`,
  picker_help: `Tapez pour filtrer. Les flèches haut et bas parcourent la liste, Entrée choisit, Échap ferme la liste.`,
  picker_results_one: '{count} résultat',
  picker_results_other: '{count} résultats',
  picker_more_one: `encore {count}${NB}: continuez à taper pour affiner la liste`,
  picker_more_other: `encore {count}${NB}: continuez à taper pour affiner la liste`,
  notes_label: 'Notes',
  attach_task: 'Joindre l’identifiant, le titre et le lien de la tâche',
  time_label: 'Durée',
  time_placeholder: '0:00',
  time_help_start: 'Laissez vide pour démarrer un minuteur, ou saisissez une durée ou une plage pour enregistrer une entrée.',
  time_help_edit: 'Une durée ou une plage horaire.',
  time_formats: `Formats acceptés${NB}: 1:30, 1.5, 1.5h, 90m, 1h 30m, 9:00-10:30, 9am-10:30am.`,
  time_invalid: `«${NB}{input}${NB}» n’est pas une durée (plus de 0, 24 heures au plus).`,
  time_bad_range: `«${NB}{input}${NB}» n’est pas une plage horaire.`,
  time_backwards: 'La plage {input} se termine avant de commencer.',
  date_label: 'Date',
  start_timer: 'Démarrer le minuteur',
  stop_timer: 'Arrêter le minuteur',
  save_entry: 'Enregistrer l’entrée',
  save_changes: 'Enregistrer les modifications',
  changes_saved: 'Modifications enregistrées.',
  running_since: 'depuis {time}',
  elapsed_words: `Écoulé${NB}: {duration}`,
  untitled_timer: 'Minuteur',
  announce_started: `Minuteur démarré${NB}: {title}.`,
  announce_stopped: `Minuteur arrêté${NB}: {title}, après {duration}.`,
  stop: 'Arrêter',
  edit_running: 'Modifier les notes ou le projet',
  track_page: 'Suivre cette page',
  track_page_unavailable: `Cette page ne peut pas être suivie${NB}: le minuteur n’aura pas de tâche.`,
  open_options: 'Ouvrir les options',
  today: 'Aujourd’hui',
  today_empty: `Rien de suivi aujourd’hui pour l’instant${NB}: démarrez ci-dessus, ou avec le bouton horloge d’une page de tâche.`,
  quick_label: `Sur quoi travaillez-vous${NB}?`,
  quick_placeholder: `Notes, par exemple${NB}: relire le plan de sortie`,
  quick_link_account: 'Lier un compte',
  continue_heading: 'Reprendre un travail récent',
  track_page_running: 'La tâche de cette page est le minuteur en cours, ci-dessus.',
  week_day_empty: 'rien de suivi',
  under_a_minute: 'moins d’une minute',
  total_words: `Total${NB}: {duration}`,
  no_notes: '(sans notes)',
  local_booking: 'Local',
  entry_continue: 'Reprendre',
  entry_continue_label: `Reprendre «${NB}{title}${NB}»`,
  entry_edit_label: `Modifier «${NB}{title}${NB}»`,
  entry_delete_label: `Supprimer «${NB}{title}${NB}»`,
  entry_saved: 'Entrée enregistrée.',
  entry_deleted: 'Entrée supprimée.',
  delete_confirm: `Supprimer cette entrée${NB}?`,
  week: 'Cette semaine',
  week_caption: 'Temps suivi chaque jour de la semaine',
  changes_waiting_one: '{count} modification en attente',
  changes_waiting_other: '{count} modifications en attente',
  required_missing: 'Cet espace de travail exige {fields} sur chaque entrée.',
  ...frActivity,
  ...frSuggest,
  ...frOptions,
  ...frWelcome,
  ...frSync,
  ...frReadback,
  ...frMeet,
  ...frTags,
  ...frBackground,
};

/** Literal braces that are not placeholders (shown to the user as-is). */
const LITERAL = new Set(['notes_template_help']);

function build(dict, order) {
  const out = {};
  for (const [key, text] of Object.entries(dict)) {
    if (LITERAL.has(key)) {
      out[key] = { message: text };
      continue;
    }
    const names = order[key];
    const placeholders = {};
    const message = text.replace(/\{([a-z]+)\}/g, (_, name) => {
      const i = names.indexOf(name);
      if (i < 0) throw new Error(`${key}: {${name}} not in the English message`);
      placeholders[name] = { content: `$${i + 1}` };
      return `$${name.toUpperCase()}$`;
    });
    out[key] = names.length
      ? { message, placeholders: Object.fromEntries(names.map((n, i) => [n, { content: `$${i + 1}` }])) }
      : { message };
  }
  return out;
}

const order = {};
for (const [key, text] of Object.entries(en))
  order[key] = LITERAL.has(key) ? [] : [...new Set([...text.matchAll(/\{([a-z]+)\}/g)].map((m) => m[1]))];
const missing = Object.keys(en)
  .filter((k) => !(k in fr))
  .concat(Object.keys(fr).filter((k) => !(k in en)));
if (missing.length) throw new Error(`keys not in both: ${missing}`);
const dir = process.argv[2] ?? new URL('../public/_locales', import.meta.url).pathname;
for (const [lang, dict] of [
  ['en', en],
  ['fr', fr],
]) {
  mkdirSync(join(dir, lang), { recursive: true });
  writeFileSync(join(dir, lang, 'messages.json'), `${JSON.stringify(build(dict, order), null, 2)}\n`);
}
console.log(`${Object.keys(en).length} messages`);
