import { healthOf } from '@/lib/core/health';
import { t } from '@/lib/i18n';
import type { Layer } from '@/lib/inject/semantic';

/**
 * One site's health in options: which layer placed its button on the last visits, a warning with the selector
 * repair one click away when fallbacks took over (the site's layout may have changed), and the hidden dock.
 */
export function SiteHealth(props: { name: string; visits: readonly Layer[]; dockHidden: boolean; onRepair(): void; onShowDock(): void }) {
  const health = healthOf(props.visits);
  if (health.visits === 0 && !props.dockHidden) return null;
  return (
    <div class="site-health">
      {health.visits > 0 && (
        <p class="muted">{t('health_summary', health.visits, health.counts.selector, health.counts.semantic, health.counts.dock)}</p>
      )}
      {health.warn && (
        <p class="health-warning">
          {t('health_warning', props.name, health.fallbackRun)}{' '}
          <button type="button" class="link" aria-label={t('health_repair_named', props.name)} onClick={props.onRepair}>
            {t('health_repair')}
          </button>
        </p>
      )}
      {props.dockHidden && (
        <p class="muted">
          {t('dock_hidden_note')}{' '}
          <button type="button" class="link" aria-label={t('dock_show_named', props.name)} onClick={props.onShowDock}>
            {t('dock_show')}
          </button>
        </p>
      )}
    </div>
  );
}
