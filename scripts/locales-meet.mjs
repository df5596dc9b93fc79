// Meetings and conversations (issue 14): the button on a calendar event, the modal's warning when the same
// occurrence is logged twice.
// Merged into the dictionaries of scripts/locales.mjs (same rules: {name} placeholders).

export const en = {
  button_log_meeting: 'Log this meeting',
  meeting_logged: 'This meeting is already logged on {day}. Save again to log it a second time.',
  log_again: 'Log it again',
};

export const fr = {
  button_log_meeting: 'Saisir cette réunion',
  meeting_logged: 'Cette réunion est déjà saisie le {day}. Enregistrez à nouveau pour la saisir une seconde fois.',
  log_again: 'La saisir à nouveau',
};
