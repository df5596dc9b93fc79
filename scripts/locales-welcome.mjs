// The welcome page's strings (components/welcome/, opened on install) and the "Add account" chooser it shares with
// the options page. Merged into the dictionaries of scripts/locales.mjs (same rules: {name} placeholders).

const NB = '\u00a0';

export const en = {
  welcome_title: 'Welcome to Stint',
  welcome_lead:
    'Stint puts a Start timer button on the task pages you already work in — GitHub, GitLab, Jira, Trello, Linear and many more. One click, and the time is tracked against that task, with its id and its link.',
  welcome_try_title: 'Try it',
  welcome_try_help:
    'On a task page, Stint’s button sits next to the title. This card stands in for one: press its button, then Start timer.',
  welcome_demo_id: 'DEMO-1',
  welcome_demo_task: 'Try Stint: time your first task',
  welcome_demo_notes: 'Trying out Stint',
  welcome_try_button: 'Track time',
  welcome_try_running: 'The timer runs: the toolbar button shows it too, from any tab. Stop it here or there.',
  welcome_try_stopped: 'Stopped. The entry is in the toolbar popup, under Today.',
  welcome_where_title: 'Where your time goes',
  welcome_where_now: 'New entries go to',
  welcome_local_title: 'Keep it in this browser',
  welcome_local_help:
    'No account needed: entries stay in this browser (Local), and the options export them as CSV. You can link a tracker at any time.',
  welcome_tracker_title: 'Send it to your time tracker',
  welcome_link_title: 'Link an account:',
  welcome_next_title: 'Then',
  welcome_next_pages: 'Open a GitHub issue, a Jira ticket, a Trello card…: the clock button is next to its title.',
  welcome_next_popup: 'The toolbar button shows the running timer, today and this week; start a timer there for anything else.',
  welcome_next_shortcut: 'Alt+Shift+S stops the running timer, or starts the last one again.',
  welcome_options: 'All settings are in the options',
  add_account: 'Add account:',
  harvest_pat_only_help:
    'Create a Personal Access Token at id.getharvest.com → Developers, paste it here, then pick the account. The token stays in this browser, out of reach of web pages.',
};

export const fr = {
  welcome_title: 'Bienvenue dans Stint',
  welcome_lead:
    'Stint ajoute un bouton Démarrer aux pages de tâches où vous travaillez déjà — GitHub, GitLab, Jira, Trello, Linear et bien d’autres. Un clic, et le temps est suivi pour cette tâche, avec son identifiant et son lien.',
  welcome_try_title: 'Essayez',
  welcome_try_help: `Sur une page de tâche, le bouton de Stint se trouve à côté du titre. Cette carte en tient lieu${NB}: appuyez sur son bouton, puis sur Démarrer le minuteur.`,
  welcome_demo_id: 'DEMO-1',
  welcome_demo_task: `Essayer Stint${NB}: chronométrez votre première tâche`,
  welcome_demo_notes: 'Premier essai de Stint',
  welcome_try_button: 'Suivre le temps',
  welcome_try_running: `Le minuteur tourne${NB}: le bouton de la barre d’outils l’affiche aussi, depuis n’importe quel onglet. Arrêtez-le ici ou là.`,
  welcome_try_stopped: 'Arrêté. L’entrée est dans la fenêtre de la barre d’outils, sous Aujourd’hui.',
  welcome_where_title: 'Où va votre temps',
  welcome_where_now: 'Les nouvelles entrées vont dans',
  welcome_local_title: 'Le garder dans ce navigateur',
  welcome_local_help: `Aucun compte nécessaire${NB}: les entrées restent dans ce navigateur (Local), et les options les exportent en CSV. Vous pourrez lier un outil de suivi à tout moment.`,
  welcome_tracker_title: 'L’envoyer à votre outil de suivi du temps',
  welcome_link_title: `Lier un compte${NB}:`,
  welcome_next_title: 'Ensuite',
  welcome_next_pages: `Ouvrez un ticket GitHub, une demande Jira, une carte Trello…${NB}: le bouton horloge est à côté de son titre.`,
  welcome_next_popup: `Le bouton de la barre d’outils affiche le minuteur en cours, la journée et la semaine${NB}; démarrez-y un minuteur pour tout le reste.`,
  welcome_next_shortcut: 'Alt+Maj+S arrête le minuteur en cours, ou relance le dernier.',
  welcome_options: 'Tous les réglages sont dans les options',
  add_account: `Ajouter un compte${NB}:`,
  harvest_pat_only_help:
    'Créez un jeton d’accès personnel sur id.getharvest.com → Developers, collez-le ici, puis choisissez le compte. Le jeton reste dans ce navigateur, hors de portée des pages web.',
};
