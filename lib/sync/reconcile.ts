import type { Entry } from '../core/entry';
import type { SyncRecord } from '../core/schemas';
import type { CreatedQuery, Provider, RemoteEntry } from '../providers/types';
import type { Change } from './committer';
import { knownRemoteIds, type Outbox, toInput } from './outbox';

/**
 * Reconciliation of creates, many at a time (one listing per day when the provider can, see findCreatedMany):
 * - a create whose answer was lost (attempted, no remote id) is looked up before anything is sent again;
 * - a create that succeeded is checked once for an echo: when the connection closed before any answer, the
 *   browser re-sends the request, the answer is the second copy's and the first copy stays unseen. Until that
 *   check, the record keeps its `createAttemptAt` and `sent` next to its remote id.
 */

/** One request's turn under the account's pace. */
export type Call = <T>(fn: () => Promise<T>) => Promise<T>;
export type Commit = (key: string, change: Change) => Promise<void>;

/** A re-sent create reaches the server right after the first copy. */
export const ECHO_WINDOW_MS = 5_000;

async function findMany(provider: Provider, queries: CreatedQuery[], known: ReadonlySet<string>, call: Call): Promise<RemoteEntry[][]> {
  if (queries.length === 0) return [];
  const many = provider.findCreatedMany?.bind(provider);
  if (many) return call(() => many(queries, known));
  const out: RemoteEntry[][] = [];
  for (const q of queries) out.push(await call(() => provider.findCreated(q.input, q.since, known)));
  return out;
}

/** Whether a record's create was sent and its answer never recorded. */
export const inDoubt = (r: SyncRecord): boolean => r.remoteId === null && r.createAttemptAt !== null;

/**
 * Looks up the creates in doubt among `work`; each found one is adopted (durably), each extra copy removed.
 * Returns the records that changed, as they now are.
 */
export async function reconcileInDoubt(
  work: readonly [string, SyncRecord][],
  known: ReadonlySet<string>,
  entryOf: (r: SyncRecord) => Entry | null,
  o: { provider: Provider; call: Call; commit: Commit },
): Promise<Map<string, SyncRecord>> {
  const asked = work.flatMap(([key, r]) => {
    const sent = r.sent ?? entryOf(r);
    return inDoubt(r) && sent ? [{ key, r, sent, query: { input: toInput(sent), since: r.createAttemptAt ?? 0 } }] : [];
  });
  const answers = await findMany(
    o.provider,
    asked.map((a) => a.query),
    known,
    o.call,
  );
  // Identical entries in doubt each take their own match, oldest record first; what nobody takes is an echo.
  const taken = new Set<string>();
  const found = answers.map((list) => {
    const hit = list.find((e) => !taken.has(e.remoteId));
    if (hit) taken.add(hit.remoteId);
    return hit;
  });
  const out = new Map<string, SyncRecord>();
  const commits: Promise<void>[] = [];
  asked.forEach(({ key, r, sent }, i) => {
    const hit = found[i];
    if (!hit) return;
    const adopted = {
      remoteId: hit.remoteId,
      pushedVersion: sent.updatedAt,
      remoteRunning: hit.running,
      createAttemptAt: null,
      sent: null,
    };
    commits.push(o.commit(key, (cur) => ({ ...cur, ...adopted })));
    out.set(key, { ...r, ...adopted });
  });
  await Promise.all(commits);
  const echoes = new Set(answers.flat().flatMap((e) => (taken.has(e.remoteId) ? [] : [e.remoteId])));
  for (const id of echoes) await o.call(() => o.provider.remove(id));
  return out;
}

/** The echo check of an account's succeeded creates (see above); their records then forget the attempt. */
export async function removeEchoes(outbox: Outbox, accountId: string, o: { provider: Provider; call: Call; commit: Commit }) {
  const marked = Object.entries(outbox).flatMap(([key, r]) =>
    r.accountId === accountId && r.remoteId !== null && r.createAttemptAt !== null && r.sent !== null
      ? [{ key, remoteId: r.remoteId, query: { input: toInput(r.sent), since: r.createAttemptAt } }]
      : [],
  );
  if (marked.length === 0) return;
  const known = knownRemoteIds(outbox);
  const own = new Set(marked.map((m) => m.remoteId));
  // Asked without their own ids, so that each one's answer includes itself (its creation time is the reference).
  const answers = await findMany(
    o.provider,
    marked.map((m) => m.query),
    new Set([...known].filter((id) => !own.has(id))),
    o.call,
  );
  const echoes = new Set<string>();
  marked.forEach((m, i) => {
    const list = answers[i] ?? [];
    const mine = list.find((e) => e.remoteId === m.remoteId);
    if (!mine) return; // changed since (edited, stopped): nothing to compare with
    for (const e of list) {
      if (!known.has(e.remoteId) && e.createdAt <= mine.createdAt && mine.createdAt - e.createdAt <= ECHO_WINDOW_MS) echoes.add(e.remoteId);
    }
  });
  for (const id of echoes) await o.call(() => o.provider.remove(id));
  await Promise.all(
    marked.map((m) => o.commit(m.key, (r) => (r.remoteId === m.remoteId ? { ...r, createAttemptAt: null, sent: null } : r))),
  );
}
