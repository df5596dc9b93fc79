import { useEffect, useState } from 'preact/hooks';
import { send } from '@/lib/client';
import { RunningTimer } from './RunningTimer';
import { SyncBanner } from './SyncBanner';
import { TodayList } from './TodayList';

export function Popup() {
  const [error, setError] = useState('');
  // Opening the popup is a good moment to sync and pick up changes made elsewhere.
  useEffect(() => void send({ type: 'sync.now' }), []);
  return (
    <main class="popup">
      <header>
        <h1>Stint</h1>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <SyncBanner />
      <RunningTimer onError={setError} />
      <TodayList />
    </main>
  );
}
