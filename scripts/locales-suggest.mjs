// On-device suggestions (lib/core/seen.ts): the popup's list (components/popup/Suggestions.tsx), their setting and
// clear button (components/options/SuggestionPreferences.tsx) and the settings export's choice
// (components/options/SettingsTransfer.tsx). Merged into the dictionaries of scripts/locales.mjs (same rules).

const NB = '\u00a0';

export const en = {
  // the popup
  suggest_heading: 'Suggestions',
  suggest_help: 'Time on task pages today that no entry holds yet. Seen only in this browser.',
  suggest_item: `{task} · {minutes}${NB}min`,
  suggest_add: 'Add',
  suggest_add_label: `Add {minutes}${NB}min for {task} as an entry today`,
  suggest_dismiss_label: 'Dismiss the suggestion for {task}',
  suggest_added: `Added {minutes}${NB}min for {task}.`,
  // options
  suggest_title: 'Suggestions',
  suggest_enable: 'Suggest entries from the time I spend on task pages',
  suggest_explain:
    'When this is on, Stint counts how many seconds each task page (an issue, a ticket, a card Stint recognises) is the visible tab of the focused window while you are at the computer, per task and per day. No other page is counted. The popup then lists the time no entry holds yet, each one click from an entry.',
  suggest_privacy:
    'This never leaves your browser: it is not synced to any tracker, not sent anywhere, and not in exports unless you ask. It is kept 14 days.',
  suggest_clear: 'Clear what was counted',
  suggest_cleared: 'Cleared.',
  // settings export
  export_with_seen: 'Include the suggestions’ time on task pages (kept only in this browser otherwise)',
};

export const fr = {
  suggest_heading: 'Saisies suggérées',
  suggest_help: 'Temps passé aujourd’hui sur des pages de tâches qu’aucune saisie ne contient encore. Vu seulement dans ce navigateur.',
  suggest_item: `{task} · {minutes}${NB}min`,
  suggest_add: 'Ajouter',
  suggest_add_label: `Ajouter {minutes}${NB}min pour {task} en saisie aujourd’hui`,
  suggest_dismiss_label: 'Écarter la suggestion pour {task}',
  suggest_added: `{minutes}${NB}min ajoutées pour {task}.`,
  suggest_title: 'Saisies suggérées',
  suggest_enable: 'Suggérer des saisies d’après le temps passé sur les pages de tâches',
  suggest_explain:
    'Une fois activé, Stint compte combien de secondes chaque page de tâche (un ticket, une issue, une carte que Stint reconnaît) est l’onglet visible de la fenêtre active pendant que vous êtes à l’ordinateur, par tâche et par jour. Aucune autre page n’est comptée. Le popup liste ensuite le temps qu’aucune saisie ne contient encore, chacun à un clic d’une saisie.',
  suggest_privacy:
    'Ces données ne quittent jamais votre navigateur : ni synchronisées avec un outil de suivi, ni envoyées nulle part, ni dans les exports sauf si vous le demandez. Elles sont gardées 14 jours.',
  suggest_clear: 'Effacer ce qui a été compté',
  suggest_cleared: 'Effacé.',
  export_with_seen: 'Inclure le temps compté pour les suggestions (sinon gardé seulement dans ce navigateur)',
};
