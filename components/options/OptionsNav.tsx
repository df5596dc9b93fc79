import { t } from '@/lib/i18n';

export const SECTIONS = [
  { id: 'accounts', label: 'accounts' },
  { id: 'sites-section', label: 'sites_title' },
  { id: 'rules', label: 'nav_rules' },
  { id: 'preferences', label: 'prefs_title' },
  { id: 'data', label: 'nav_data' },
] as const;

/** The options page's in-page navigation: one link per section (a sidebar on wide windows, a row on narrow ones). */
export function OptionsNav() {
  return (
    <nav class="options-nav" aria-label={t('nav_label')}>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>{t(s.label)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
