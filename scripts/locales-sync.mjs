// How Stint words an account's sync state (lib/core/sync-state.ts), once, for the popup's line per account
// (components/popup/SyncBanner.tsx) and the options page's account card (components/options/AccountStatusNote.tsx).
// Merged into the dictionaries of scripts/locales.mjs (same rules: {name} placeholders; a plural's {count} first).

const NB = '\u00a0';

export const en = {
  // popup: one line per account; " · 2 changes waiting" is appended when changes wait
  sync_line_synced: 'Synced to {provider} · {when}',
  sync_line_never: '{provider}: nothing to sync yet',
  sync_line_syncing: 'Syncing to {provider}',
  sync_line_offline: 'Waiting for {provider} (offline)',
  sync_line_rate: 'Waiting for {provider} (rate limit)',
  sync_line_trouble: 'Server trouble at {provider}, retrying',
  sync_line_refused_one: '{count} entry refused by {provider}, it needs you',
  sync_line_refused_other: '{count} entries refused by {provider}, they need you',
  sync_line_reconnect: '{provider} needs reconnect',
  // options: the account card, when all is well
  card_synced: 'Connected · synced {when}',
  card_never: 'Connected · nothing synced yet',
  card_syncing: 'Connected · syncing',
  // options: the account card, a reason and the fix (the card adds the button for it)
  status_offline: '{provider} cannot be reached (offline).',
  fix_offline: 'Your changes are kept and sent when it is back. Check the connection, then retry.',
  status_rate_limited: '{provider} makes Stint wait: rate limit or plan quota reached.',
  fix_rate_limited: 'Nothing is lost: Stint waits, then syncs by itself.',
  status_trouble: 'Server trouble at {provider}, retrying.',
  fix_trouble: 'Nothing is lost: Stint retries by itself, or at once with Retry now.',
  status_refused_one: '{count} entry refused by {provider}.',
  status_refused_other: '{count} entries refused by {provider}.',
  fix_refused: 'Edit the entry in the toolbar popup (its project, date or notes) or delete it: an edited entry is sent again.',
  status_reconnect: '{provider} needs reconnect: it no longer accepts Stint’s key or sign-in (revoked, changed or expired).',
  fix_reconnect: 'Reconnect with a new key or token (or sign in again). Waiting changes are sent then.',
  // popup: an entry's own state (a dot)
  entry_waiting: 'Waiting to sync',
  entry_refused: 'Refused: {reason}',
};

export const fr = {
  sync_line_synced: 'Synchronisé avec {provider} · {when}',
  sync_line_never: `{provider}${NB}: rien à synchroniser pour l’instant`,
  sync_line_syncing: 'Synchronisation avec {provider}',
  sync_line_offline: 'En attente de {provider} (hors ligne)',
  sync_line_rate: 'En attente de {provider} (limite de requêtes)',
  sync_line_trouble: 'Panne du serveur {provider}, nouvel essai en cours',
  sync_line_refused_one: `{count} entrée refusée par {provider}, elle attend votre action`,
  sync_line_refused_other: `{count} entrées refusées par {provider}, elles attendent votre action`,
  sync_line_reconnect: '{provider} doit être reconnecté',
  card_synced: 'Connecté · synchronisé {when}',
  card_never: 'Connecté · rien de synchronisé pour l’instant',
  card_syncing: 'Connecté · synchronisation en cours',
  status_offline: '{provider} est injoignable (hors ligne).',
  fix_offline: 'Vos modifications sont gardées et envoyées à son retour. Vérifiez la connexion, puis réessayez.',
  status_rate_limited: `{provider} fait patienter Stint${NB}: limite de requêtes ou quota du forfait atteint.`,
  fix_rate_limited: `Rien n’est perdu${NB}: Stint patiente, puis synchronise tout seul.`,
  status_trouble: 'Panne du serveur {provider}, nouvel essai en cours.',
  fix_trouble: `Rien n’est perdu${NB}: Stint réessaie tout seul, ou tout de suite avec Réessayer maintenant.`,
  status_refused_one: '{count} entrée refusée par {provider}.',
  status_refused_other: '{count} entrées refusées par {provider}.',
  fix_refused: `Modifiez l’entrée dans la fenêtre de la barre d’outils (son projet, sa date ou ses notes) ou supprimez-la${NB}: une entrée modifiée est renvoyée.`,
  status_reconnect: `{provider} doit être reconnecté${NB}: il n’accepte plus la clé ou la connexion de Stint (révoquée, changée ou expirée).`,
  fix_reconnect: 'Reconnectez avec une nouvelle clé ou un nouveau jeton (ou reconnectez-vous). Les modifications en attente partent alors.',
  entry_waiting: 'En attente de synchronisation',
  entry_refused: `Refusée${NB}: {reason}`,
};
