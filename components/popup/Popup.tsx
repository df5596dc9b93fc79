import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Task } from '@/lib/core/entry';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { Announcer } from '../shared/Announcer';
import { RunningTimer } from './RunningTimer';
import { SyncBanner } from './SyncBanner';
import { TodayList } from './TodayList';
import { activePageTask, TrackPage } from './TrackPage';
import { WeekSummary } from './WeekSummary';

export function Popup() {
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [tracking, setTracking] = useState<{ task: Task | null } | null>(null);
  const trackButton = useRef<HTMLButtonElement>(null);
  // Opening the popup is a good moment to sync and pick up changes made elsewhere.
  useEffect(() => void send({ type: 'sync.now' }), []);

  async function trackThisPage() {
    setError('');
    try {
      setTracking({ task: await activePageTask() });
    } catch (err) {
      setTracking({ task: null });
      setError(err instanceof Error ? err.message : String(err));
    }
  }
  const closeTracking = () => {
    setTracking(null);
    trackButton.current?.focus();
  };
  const onNotice = (message: string, isError = false) => {
    if (isError) setError(message);
    else {
      setError('');
      setNotice(message);
    }
    // The item that was acted on may be gone: keep the focus in the list.
    if (!document.activeElement || document.activeElement === document.body) document.getElementById('today-heading')?.focus();
  };

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>{t('app_name')}</h1>
        <div class="actions">
          <button type="button" ref={trackButton} aria-expanded={tracking !== null} onClick={() => void trackThisPage()}>
            {t('track_page')}
          </button>
          <button
            type="button"
            class="icon"
            aria-label={t('open_options')}
            title={t('open_options')}
            onClick={() => void browser.runtime.openOptionsPage()}
          >
            <span aria-hidden="true">⚙</span>
          </button>
        </div>
      </header>
      <Announcer />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="notice" role="status">
        {notice}
      </p>
      <SyncBanner />
      {tracking && <TrackPage task={tracking.task} onClose={closeTracking} />}
      <RunningTimer onError={setError} onStopped={() => trackButton.current?.focus()} />
      <TodayList onNotice={onNotice} />
      <WeekSummary />
    </main>
  );
}
