// Tags and billable (lib/core/tags.ts, components/shared/TagPicker.tsx, components/shared/BillableField.tsx, the
// background's tag creation). Merged into the dictionaries of scripts/locales.mjs (same rules: {name} placeholders;
// a plural's {count} first).

const NB = '\u00a0';

export const en = {
  // the tag picker (modal, popup start form, entry editors, rules in options)
  tags_label: 'Tags',
  tags_placeholder: 'Search tags',
  tags_help:
    'Type to search the workspace’s tags; ↑ and ↓ move, Enter adds or removes the highlighted one, Backspace removes the last tag chosen.',
  tags_no_match: 'No tag matches “{query}”',
  tags_create: 'Create tag “{name}”',
  tags_remove: 'Remove tag {name}',
  tags_chosen: 'Chosen tags',
  tags_results_one: '{count} tag',
  tags_results_other: '{count} tags',
  tags_created: 'Tag “{name}” created',
  tags_added: '{name} added',
  tags_removed: '{name} removed',
  tags_none_yet: 'This workspace has no tags yet.',
  tags_only_admins: 'Only the workspace’s admins may create tags.',
  // the billable flag: editable for Clockify and Toggl, shown from the task assignment for Harvest
  billable_label: 'Billable',
  billable_yes_task: 'Billable (set by the task in Harvest)',
  billable_no_task: 'Not billable (set by the task in Harvest)',
  // an entry in the popup's lists
  entry_billable: 'billable',
  // the background
  tag_unknown: 'A chosen tag is no longer in the workspace: reload its projects in options, then choose the tags again.',
  tag_unsupported: '{provider} has no tags.',
};

export const fr = {
  tags_label: 'Étiquettes',
  tags_placeholder: 'Chercher une étiquette',
  tags_help: `Tapez pour chercher parmi les étiquettes de l’espace de travail${NB}; ↑ et ↓ pour se déplacer, Entrée ajoute ou retire celle qui est en surbrillance, Retour arrière retire la dernière choisie.`,
  tags_no_match: `Aucune étiquette ne correspond à «${NB}{query}${NB}»`,
  tags_create: `Créer l’étiquette «${NB}{name}${NB}»`,
  tags_remove: 'Retirer l’étiquette {name}',
  tags_chosen: 'Étiquettes choisies',
  tags_results_one: '{count} étiquette',
  tags_results_other: '{count} étiquettes',
  tags_created: `Étiquette «${NB}{name}${NB}» créée`,
  tags_added: '{name} ajoutée',
  tags_removed: '{name} retirée',
  tags_none_yet: 'Cet espace de travail n’a pas encore d’étiquettes.',
  tags_only_admins: 'Seuls les administrateurs de l’espace de travail peuvent créer des étiquettes.',
  billable_label: 'Facturable',
  billable_yes_task: 'Facturable (selon la tâche dans Harvest)',
  billable_no_task: 'Non facturable (selon la tâche dans Harvest)',
  entry_billable: 'facturable',
  tag_unknown: `Une étiquette choisie n’existe plus dans l’espace de travail${NB}: rechargez ses projets dans les options, puis choisissez à nouveau les étiquettes.`,
  tag_unsupported: '{provider} n’a pas d’étiquettes.',
};
