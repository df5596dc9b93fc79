import { livePrompt } from '../core/activity';
import { cutTimer } from '../core/tracker';
import { t } from '../i18n';
import type { PromptResolve } from '../protocol/messages';
import * as store from '../state/store';
import { APPLIED_KEPT, commit, type IntentDeps, type IntentResult } from './intents';

/**
 * The user's answer to the question open about the running timer (lib/core/activity.ts), made durable like any
 * intent: the cut entries and their outbox records, the question closed, in one transaction; the sync engine then
 * replays them to the tracker. The times are the background's own record of the question, never the sender's.
 * Callers hold the state lock.
 */
export async function resolvePrompt(msg: PromptResolve, deps: IntentDeps): Promise<IntentResult> {
  const requestId = deps.requestId ?? null;
  const applied = requestId ? await store.get('appliedRequests') : [];
  if (requestId && applied.includes(requestId)) return { ok: true };
  const [timer, stored] = await Promise.all([store.get('timer'), store.get('prompt')]);
  const prompt = livePrompt(stored, timer ? { id: timer.id, startedAt: timer.startedAt ?? timer.createdAt } : null);
  if (!timer || !prompt || prompt.timerId !== msg.timerId) return { ok: false, error: t('prompt_gone') };
  // A forgotten timer's question has no idle time to discard.
  if (msg.choice === 'discard' && prompt.kind !== 'idle') return { ok: false, error: t('prompt_gone') };
  const kv = { prompt: null, ...(requestId ? { appliedRequests: [requestId, ...applied].slice(0, APPLIED_KEPT) } : {}) };
  if (msg.choice === 'keep') {
    await store.write({ kv });
    return { ok: true };
  }
  const made = new Set<string>();
  const newId = () => {
    const id = deps.newId();
    made.add(id);
    return id;
  };
  const outcome = cutTimer(
    { timer, entries: [] },
    { endAt: prompt.from, restartAt: msg.choice === 'discard' ? prompt.to : null },
    { now: deps.now, newId },
  );
  if (!outcome.ok) return outcome;
  await commit(outcome, timer, made, kv);
  return { ok: true };
}
