import type { AccountStatus } from '@/lib/core/schemas';
import { t } from '@/lib/i18n';

/** Reason and fix for every state that is not "ok"; the sync engine's own message follows as the detail. */
const TEXT = {
  offline: ['status_offline', 'fix_offline'],
  'needs-reconnect': ['status_reconnect', 'fix_reconnect'],
  'rate-limited': ['status_rate_limited', 'fix_rate_limited'],
  error: ['status_error', 'fix_error'],
} as const;

/** An account's connection problem in words: what is wrong, what to do (the card adds the button for it). */
export function AccountStatusNote({ status, provider }: { status: AccountStatus | undefined; provider: string }) {
  if (!status || status.state === 'ok') return null;
  const [reason, fix] = TEXT[status.state];
  return (
    <div class="problem" data-problem={status.state}>
      <p class="error">{t(reason, provider)}</p>
      <p class="fix">{t(fix)}</p>
      {status.message && <p class="muted">{t('status_detail', status.message)}</p>}
    </div>
  );
}
