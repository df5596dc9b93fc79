import { t, tp } from '@/lib/i18n';
import type { SyncFacts } from '@/lib/ui/sync-words';

/** Reason and fix for every state that needs words (lib/core/sync-state.ts); the engine's detail follows. */
const TEXT = {
  offline: ['status_offline', 'fix_offline'],
  'rate-limited': ['status_rate_limited', 'fix_rate_limited'],
  trouble: ['status_trouble', 'fix_trouble'],
  reconnect: ['status_reconnect', 'fix_reconnect'],
} as const;

/** An account's sync problem in words: what is wrong, what to do (the card adds the button for it). */
export function AccountStatusNote({ facts, provider }: { facts: SyncFacts; provider: string }) {
  const { state, status } = facts;
  if (state === 'synced' || state === 'syncing') return null;
  const reason = state === 'refused' ? tp('status_refused', facts.refused, provider) : t(TEXT[state][0], provider);
  const fix = state === 'refused' ? t('fix_refused') : t(TEXT[state][1]);
  return (
    <div class="problem" data-problem={state}>
      <p class="error">{reason}</p>
      <p class="fix">{fix}</p>
      {status?.message && <p class="muted">{t('status_detail', status.message)}</p>}
    </div>
  );
}
