import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Task } from '@/lib/core/entry';
import { t } from '@/lib/i18n';
import { send } from '@/lib/ui/client';
import { timer } from '@/lib/ui/state';
import { Announcer } from '../shared/Announcer';
import { Icon } from '../shared/Icon';
import { PromptCard } from '../shared/PromptCard';
import { ContinueList } from './ContinueList';
import { QuickStart } from './QuickStart';
import { RunningTimer } from './RunningTimer';
import { Suggestions } from './Suggestions';
import { SyncBanner } from './SyncBanner';
import { TodayList } from './TodayList';
import { activePageTask, TrackPage } from './TrackPage';
import { WeekSummary } from './WeekSummary';

/**
 * The toolbar popup: a question open about the running timer (idle time, a forgotten timer); the running timer; "What are you working on?" to start one, and recent work to continue;
 * where each account stands; suggestions (opt-in: today's untracked time on task pages); today's entries; this week.
 */
export function Popup() {
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [tracking, setTracking] = useState<{ task: Task | null } | null>(null);
  const trackButton = useRef<HTMLButtonElement>(null);
  // Opening the popup is a good moment to sync and pick up changes made elsewhere.
  useEffect(() => void send({ type: 'sync.now' }), []);
  // A notice is about what was just done; once a timer starts or stops, it is stale.
  const running = timer.value?.id;
  useEffect(() => setNotice(''), [running]);

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
            <Icon name="settings" />
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
      {tracking && <TrackPage task={tracking.task} onClose={closeTracking} />}
      <PromptCard onError={setError} />
      <RunningTimer onError={setError} onStopped={() => trackButton.current?.focus()} />
      {!tracking && <QuickStart onError={setError} />}
      <ContinueList onError={setError} />
      <SyncBanner />
      <Suggestions onNotice={onNotice} onError={setError} />
      <TodayList onNotice={onNotice} />
      <WeekSummary />
    </main>
  );
}
