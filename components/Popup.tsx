import { useState } from 'preact/hooks';
import { RunningTimer } from './RunningTimer';
import { TodayList } from './TodayList';

export function Popup() {
  const [error, setError] = useState('');
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
      <RunningTimer onError={setError} />
      <TodayList />
    </main>
  );
}
