// Idle time, forgotten timers and the reminder to track (lib/core/activity.ts): the notifications
// (lib/background/notify.ts), the question in the popup and the modal (components/shared/PromptCard.tsx), the page's
// button while a question is open (lib/inject/button.ts), and their settings (components/options/ActivityPreferences.tsx).
// Merged into the dictionaries of scripts/locales.mjs (same rules: {name} placeholders).

const NB = '\u00a0';

export const en = {
  // the question about the running timer
  prompt_idle_title: 'Idle for {duration} while a timer ran',
  prompt_idle_body: '{what}: idle since {time}. Keep that time, discard it, or stop the timer then?',
  prompt_idle_heading: 'You were idle {duration}',
  prompt_idle_detail: 'Since {time}, while this timer ran. Stint changes nothing until you choose.',
  prompt_forgotten_title: 'Timer still running after {duration}',
  prompt_forgotten_body: '{what}: your last activity was at {time}.',
  prompt_forgotten_heading: 'Still running after {duration}',
  prompt_forgotten_detail: 'Your last activity was at {time}.',
  prompt_keep: 'Keep idle time',
  prompt_discard: 'Discard idle time',
  prompt_stop_at: 'Stop at {time}',
  prompt_keep_running: 'Keep running',
  prompt_gone: 'That question is closed: the timer changed since.',
  // the page's button while an idle question is open about its timer
  button_idle: `Idle {minutes}${NB}min`,
  button_idle_title: `You were idle {minutes}${NB}min while this timer ran: click to keep or discard that time`,
  // the reminder to track
  track_title: 'Not tracking?',
  track_body: 'You have been working for {duration} with no timer running.',
  // options, Preferences
  activity_title: 'Idle time and reminders',
  activity_help:
    'Stint asks, never decides: idle time is offered to keep, discard or stop at, in a notification, the popup and the page’s button. A locked screen counts as idle.',
  idle_after: 'Ask about idle time after',
  idle_never: 'Never',
  idle_minutes: `{minutes}${NB}min`,
  end_of_day: 'Remind me of a timer still running after (empty: no)',
  max_hours: 'Or running longer than, in hours (0: no)',
  track_enabled: 'Remind me to start a timer when I work without one',
  track_days: 'Working days',
  track_from: 'From',
  track_to: 'To',
  track_after: 'After this many minutes of activity',
};

export const fr = {
  prompt_idle_title: 'Inactif pendant {duration} avec un minuteur en cours',
  prompt_idle_body: `{what}${NB}: inactif depuis {time}. Garder ce temps, l’écarter, ou arrêter le minuteur à cette heure-là${NB}?`,
  prompt_idle_heading: 'Vous étiez inactif {duration}',
  prompt_idle_detail: 'Depuis {time}, pendant ce minuteur. Stint ne change rien avant votre choix.',
  prompt_forgotten_title: 'Minuteur toujours en cours après {duration}',
  prompt_forgotten_body: `{what}${NB}: votre dernière activité date de {time}.`,
  prompt_forgotten_heading: 'Toujours en cours après {duration}',
  prompt_forgotten_detail: 'Votre dernière activité date de {time}.',
  prompt_keep: 'Garder le temps inactif',
  prompt_discard: 'Écarter le temps inactif',
  prompt_stop_at: 'Arrêter à {time}',
  prompt_keep_running: 'Laisser tourner',
  prompt_gone: `Cette question est close${NB}: le minuteur a changé depuis.`,
  button_idle: `Inactif {minutes}${NB}min`,
  button_idle_title: `Vous étiez inactif {minutes}${NB}min pendant ce minuteur${NB}: cliquez pour garder ou écarter ce temps`,
  track_title: `Pas de minuteur${NB}?`,
  track_body: 'Vous travaillez depuis {duration} sans minuteur en cours.',
  activity_title: 'Temps inactif et rappels',
  activity_help: `Stint demande, ne décide jamais${NB}: le temps inactif vous est proposé à garder, écarter ou arrêter, dans une notification, la fenêtre de Stint et le bouton de la page. Un écran verrouillé compte comme inactif.`,
  idle_after: 'Demander pour le temps inactif après',
  idle_never: 'Jamais',
  idle_minutes: `{minutes}${NB}min`,
  end_of_day: `Me rappeler un minuteur encore en cours après (vide${NB}: non)`,
  max_hours: `Ou en cours depuis plus de, en heures (0${NB}: non)`,
  track_enabled: 'Me rappeler de lancer un minuteur quand je travaille sans',
  track_days: 'Jours travaillés',
  track_from: 'De',
  track_to: 'À',
  track_after: 'Après ce nombre de minutes d’activité',
};
