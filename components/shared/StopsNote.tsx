import { entryDuration, entryLabel } from '@/lib/core/entry';
import { formatDuration } from '@/lib/core/time';
import { t } from '@/lib/i18n';
import { minuteNow, timer } from '@/lib/ui/state';

/** Next to a Start button while another timer runs: what starting will stop ("Stops: ENG-42, 0:35"). */
export function StopsNote({ id }: { id: string }) {
  const run = timer.value;
  if (!run) return null;
  return (
    <p class="stops" id={id} data-testid="stops">
      {t('stops_running', entryLabel(run) || t('untitled_timer'), formatDuration(entryDuration(run, minuteNow.value)))}
    </p>
  );
}
