import { t } from '@/lib/i18n';

/** A refusal as the background answers it: the provider's message, its kind (ProviderError) and when to retry. */
export interface Failure {
  error: string;
  kind?: string;
  retryAfterMs?: number;
}

/** The reason and the fix for a failure, in the page's language (the provider's own words as the detail). */
export function problemText(f: Failure, provider: string): { reason: string; fix: string; detail: string } {
  const detail = f.error;
  switch (f.kind) {
    case 'auth':
      return { reason: t('problem_auth', provider), fix: t('fix_auth', provider), detail };
    case 'quota': {
      const minutes = f.retryAfterMs === undefined ? 0 : Math.max(1, Math.ceil(f.retryAfterMs / 60_000));
      return { reason: t('problem_quota', provider), fix: minutes ? t('fix_quota_in', minutes) : t('fix_quota'), detail };
    }
    case 'rate-limit':
      return { reason: t('problem_rate', provider), fix: t('fix_rate'), detail };
    case 'forbidden':
      return { reason: t('problem_forbidden', provider), fix: t('fix_forbidden'), detail };
    case 'network':
    case 'server':
      return { reason: t('problem_network', provider), fix: t('fix_network'), detail };
    default:
      return { reason: f.error, fix: '', detail: '' };
  }
}

/** A failure shown where it happened (a link or reconnect form): what went wrong, then what to do about it. */
export function Problem({ failure, provider }: { failure: Failure; provider: string }) {
  const { reason, fix, detail } = problemText(failure, provider);
  return (
    <div class="problem" role="alert" data-kind={failure.kind ?? 'other'}>
      <p class="error">{reason}</p>
      {fix && <p class="fix">{fix}</p>}
      {detail && <p class="muted">{t('status_detail', detail)}</p>}
    </div>
  );
}
