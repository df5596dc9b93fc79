import { bookingLabel } from '@/lib/core/booking';
import { summarizeProjects, weekStartOf } from '@/lib/core/week';
import { t } from '@/lib/i18n';
import { entries, minuteNow, settings, timer } from '@/lib/ui/state';
import { Duration } from '../shared/Duration';

/**
 * This week per project and task, longest first: the same entries as the days above it (read back from the
 * trackers, and Stint's own waiting ones), so both add up to the week's total.
 */
export function WeekProjects() {
  const projects = summarizeProjects(entries.value, timer.value, minuteNow.value, weekStartOf(settings.value.weekStart));
  if (projects.length === 0) return null;
  return (
    <ul class="week-projects" aria-label={t('week_projects_caption')}>
      {projects.map((p) => {
        const label = p.booking ? bookingLabel(p.booking) || t('no_project') : t('local_booking');
        return (
          <li key={p.key} data-project={p.key}>
            <span class="project" title={label}>
              {label}
            </span>
            <Duration class="project-total" ms={p.ms} />
          </li>
        );
      })}
    </ul>
  );
}
