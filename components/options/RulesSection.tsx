import { useId, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { parseBookingValue } from '@/lib/core/booking';
import type { Rule } from '@/lib/core/schemas';
import { t } from '@/lib/i18n';
import { integrationById, integrations } from '@/lib/integrations';
import type { Integration } from '@/lib/integrations/types';
import { send } from '@/lib/ui/client';
import { accounts, assignments, rules as savedRules } from '@/lib/ui/state';
import { BookingPicker } from '../shared/BookingPicker';
import { TagPicker } from '../shared/TagPicker';
import { labelsOf } from '../shared/useLabels';

/** A group id this integration yields for its own example URL (e.g. `octo-org/hello-world`, `PROJ`), as a hint. */
function exampleGroup(integration: Integration | undefined): string {
  for (const ex of integration?.exampleUrls ?? []) {
    if (!ex.taskId) continue;
    try {
      const group = integration?.task(new URL(ex.url), document)?.groupId;
      if (group) return group;
    } catch {
      // an example the page's DOM cannot serve: try the next
    }
  }
  return '';
}

/** Where a rule books: "Account: project / task", or that the pair is gone. */
function target(rule: Rule): string {
  const account = accounts.value.find((a) => a.id === rule.accountId);
  const name = account?.accountName ?? rule.accountId;
  const pair = assignments.value[rule.accountId]?.list.find((a) => a.projectId === rule.projectId && a.taskId === rule.taskId);
  if (!pair) return t('rule_target_missing', name);
  const tags = (rule.tagIds ?? []).flatMap((id) => assignments.value[rule.accountId]?.tags?.find((x) => x.id === id)?.name ?? []);
  return `${name}: ${pair.projectName}${pair.taskName ? ` / ${pair.taskName}` : ''}${tags.length ? ` · ${tags.join(', ')}` : ''}`;
}

const siteName = (id: string) => integrationById(id)?.name ?? id;
const groupName = (group: string) => (group === '*' ? t('rule_any_group') : group);

/** Per-site rules: integration + group (repository, board, Jira project…) → account, project and task. */
export function RulesSection() {
  const id = useId();
  const rules = savedRules.value;
  const [integration, setIntegration] = useState(integrations[0]?.id ?? '');
  const [group, setGroup] = useState('');
  const [booking, setBooking] = useState('local');
  // Tags the rule pins, from the workspace of its booking (cleared when the booking moves to another account).
  const [tagIds, setTagIds] = useState<string[]>([]);
  const labels = labelsOf(booking);
  // At once, as the move commits (useLabels.ts says why not a plain effect): a tag picked right after stays.
  useLayoutEffect(() => setTagIds([]), [labels.accountId]);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const example = useMemo(() => exampleGroup(integrationById(integration)), [integration]);

  async function add(event: Event) {
    event.preventDefault();
    setError('');
    setDone('');
    const ref = parseBookingValue(booking);
    if (!ref) return setError(t('rule_needs_account'));
    const pinned = labels.tagged && tagIds.length > 0 ? { tagIds } : {};
    const reply = await send({ type: 'rule.set', integration, groupId: group.trim() || '*', ...ref, ...pinned });
    if (!reply.ok) return setError(reply.error);
    setGroup('');
    setTagIds([]);
    setDone(t('rule_added'));
  }

  async function remove(rule: Rule) {
    const reply = await send({ type: 'rule.remove', integration: rule.integration, groupId: rule.groupId });
    setError(reply.ok ? '' : reply.error);
  }

  return (
    <section aria-labelledby={`${id}-title`} class="rules">
      <h2 id={`${id}-title`}>{t('rules_title')}</h2>
      <p class="muted">{t('rules_help')}</p>
      {rules.length === 0 ? (
        <p class="muted">{t('rules_empty')}</p>
      ) : (
        <ul class="rule-list">
          {rules.map((r) => {
            const name = `${siteName(r.integration)} · ${groupName(r.groupId)}`;
            return (
              <li key={`${r.integration}|${r.groupId}`} class="rule" data-rule={`${r.integration}|${r.groupId}`}>
                <span>
                  <strong>{name}</strong> → {target(r)}
                </span>
                <button type="button" class="danger" aria-label={t('rule_remove_named', name)} onClick={() => void remove(r)}>
                  {t('remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {accounts.value.length === 0 ? (
        <p class="help">{t('rule_needs_accounts')}</p>
      ) : (
        <form class="stack" onSubmit={add}>
          <div class="row">
            <div class="field">
              <label for={`${id}-site`}>{t('rule_site')}</label>
              <select id={`${id}-site`} name="rule-site" value={integration} onChange={(e) => setIntegration(e.currentTarget.value)}>
                {integrations.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`${id}-group`}>{t('rule_group')}</label>
              <input
                id={`${id}-group`}
                name="rule-group"
                value={group}
                maxLength={300}
                placeholder={example || undefined}
                aria-describedby={`${id}-group-help`}
                onInput={(e) => setGroup(e.currentTarget.value)}
              />
            </div>
          </div>
          <p id={`${id}-group-help`} class="help">
            {example ? t('rule_group_help', example) : t('rule_group_help_plain')}
          </p>
          <BookingPicker value={booking} onChange={setBooking} recent={[]} />
          {labels.tagged && labels.accountId && (
            <TagPicker accountId={labels.accountId} tags={labels.tags} creatable={labels.creatable} value={tagIds} onChange={setTagIds} />
          )}
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <p role="status">{done}</p>
          <div class="actions left">
            <button type="submit">{t('rule_add')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
