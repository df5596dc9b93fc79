import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { SitesSection } from './SitesSection';

/**
 * The Sites section with its repairs put away: the per-site selector fields show once the user asks to repair a
 * site (or when a repair is already set). Done around SitesSection, by a class its fields' CSS reads, so the
 * section itself stays as it is.
 */
export function SitesPanel() {
  const [repairing, setRepairing] = useState(false);
  return (
    <div id="sites-panel" class={repairing ? 'sites-panel repairing' : 'sites-panel'}>
      <SitesSection />
      <div class="repair">
        <button type="button" aria-expanded={repairing} aria-controls="sites-panel" onClick={() => setRepairing(!repairing)}>
          {t('repair_site')}
        </button>
        <p class="help">{repairing ? t('repair_site_open_help') : t('repair_site_help')}</p>
      </div>
    </div>
  );
}
