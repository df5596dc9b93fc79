import { useEffect, useRef, useState } from 'preact/hooks';
import type { Entry } from '@/lib/core/entry';
import { formatDurationWords, t } from '@/lib/i18n';
import { entries, timer } from '@/lib/ui/state';

const titleOf = (e: Entry) => (e.task ? e.task.title || e.task.id : e.notes) || t('untitled_timer');

/** A polite live region that says when a timer starts or stops, wherever the change came from. */
export function Announcer() {
  const [message, setMessage] = useState('');
  const previous = useRef<Entry | null>(timer.value);
  const current = timer.value;
  useEffect(() => {
    const before = previous.current;
    previous.current = current;
    if (before?.id === current?.id) return;
    if (before) {
      const done = entries.value.find((e) => e.id === before.id);
      const stopped = t('announce_stopped', titleOf(before), formatDurationWords(done?.durationMs ?? Date.now() - (before.startedAt ?? 0)));
      setMessage(current ? `${stopped} ${t('announce_started', titleOf(current))}` : stopped);
    } else if (current) {
      setMessage(t('announce_started', titleOf(current)));
    }
  }, [current]);
  return (
    <div class="sr-only" role="status" aria-live="polite" data-testid="announcer">
      {message}
    </div>
  );
}
