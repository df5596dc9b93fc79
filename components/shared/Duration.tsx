import { formatDuration } from '@/lib/core/time';
import { formatDurationWords, t } from '@/lib/i18n';

interface Props {
  ms: number;
  class?: string;
  /** Read as "Total: 1 hour, 30 minutes" rather than "1:30". */
  total?: boolean;
  testId?: string;
}

/** A duration shown as `1:30`, read out in words. */
export function Duration({ ms, class: cls, total, testId }: Props) {
  const words = formatDurationWords(ms);
  return (
    <span class={cls}>
      <span aria-hidden="true" data-testid={testId}>
        {formatDuration(ms)}
      </span>
      <span class="sr-only">{total ? t('total_words', words) : words}</span>
    </span>
  );
}
