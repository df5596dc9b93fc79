import { destinationOf } from '@/lib/core/booking';
import { t } from '@/lib/i18n';
import { providerName } from '@/lib/providers/catalog';
import { accounts } from '@/lib/ui/state';

/**
 * Where the entry will go, always in sight next to the picker: "→ Harvest · Acme Studio" or "→ Local (this browser
 * only)". A timer that silently goes to the wrong place is the costliest mistake a time tracker can make.
 */
export function Destination({ value, id, label }: { value: string; id?: string; label?: string }) {
  const to = destinationOf(value, accounts.value);
  const text = to ? t('destination_account', providerName(to.provider), to.accountName || to.accountId) : t('picker_local');
  return (
    <p class="destination" id={id} data-destination={to?.accountId ?? 'local'}>
      {label ? <span>{label} </span> : <span class="sr-only">{t('destination_label')} </span>}
      <span aria-hidden="true">→ </span>
      {text}
    </p>
  );
}
