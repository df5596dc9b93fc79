import { useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { SitesSection } from './SitesSection';

/**
 * The Sites section with its repairs put away: the per-site selector fields show once the user asks to repair a
 * site (or when a repair is already set). Done around SitesSection, by a class its fields' CSS reads, so the
 * section itself stays as it is.
 */
export function SitesPanel() {
  const [repairing, setRepairing] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  // A site's health note offers its repair (it focuses that site's selector field): the fields show first, at once
  // (the class set before the note's own click handler moves the focus there).
  const onClickCapture = (e: MouseEvent) => {
    if (!(e.target as Element | null)?.closest?.('.site-health button')) return;
    panel.current?.classList.add('repairing');
    setRepairing(true);
  };
  return (
    <div id="sites-panel" ref={panel} class={repairing ? 'sites-panel repairing' : 'sites-panel'} onClickCapture={onClickCapture}>
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
