import { t } from '../i18n';
import { parseMessage, requestIdOf, type SenderKind, type TrackerIntent } from '../protocol/messages';
import type { Failure, MessageType, Reply } from '../protocol/replies';
import { ProviderError } from '../providers/types';
import type { Accounts } from './accounts';
import { type HandlerContext, handlers, Refusal } from './handlers';
import { applyTrackerIntent } from './intents';
import type { ModalRegistry } from './modals';
import { resolvePrompt } from './prompts';
import type { SeenService } from './seen';

/** Runs tasks one after another: intents never interleave their read-modify-write of storage. */
export function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

export interface ServiceDeps {
  now?: () => number;
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
  accounts?: Accounts;
  /** Called after a handler changed state (the sync engine flushes). */
  changed?: () => void;
  /** Sync now: flush and look for remote changes. */
  syncNow?: () => Promise<void>;
  /** The modal registrations (lib/background/modals.ts); without it, every modal frame is refused. */
  modals?: ModalRegistry;
  /** On-device suggestions (lib/background/seen.ts); without it, reports are refused. */
  seen?: SeenService;
}

const failure = (err: unknown): Failure => {
  if (err instanceof Refusal) return { ok: false, error: err.message, ...(err.kind ? { kind: err.kind } : {}) };
  const error = err instanceof Error ? err.message : t('could_not_do', String(err));
  if (!(err instanceof ProviderError)) return { ok: false, error };
  const after = err.options.retryAfterMs;
  return { ok: false, error, kind: err.kind, ...(after !== undefined ? { retryAfterMs: after } : {}) };
};

/** Handlers after which the sync engine has nothing to do: reads, and site reports (health, the dock). */
const READS = new Set<MessageType>([
  'state.get',
  'settings.export',
  'entries.export',
  'harvest.accounts',
  'workspaces.list',
  'sync.now',
  'anchor.placed',
  'dock.hide',
  'dock.show',
  'task.seen',
  'seen.dismiss',
  'seen.clear',
]);

/** The background's message handler: parse and check the sender, run the message's handler (under the lock when it writes), answer. */
export function createService(deps: ServiceDeps = {}) {
  const now = deps.now ?? Date.now;
  const exclusive = deps.exclusive ?? serial();
  // Timer intents are applied once per request id (a sender tries again when the worker stopped under it).
  const contextFor = (requestId: string | null, sender: HandlerContext['sender'], kind: SenderKind): HandlerContext => ({
    accounts: deps.accounts ?? null,
    sender,
    kind,
    seen: deps.seen ?? null,
    modals: deps.modals ?? null,
    intent: (msg: TrackerIntent) => applyTrackerIntent(msg, { now: now(), newId: () => crypto.randomUUID(), requestId }),
    resolvePrompt: (msg) => resolvePrompt(msg, { now: now(), newId: () => crypto.randomUUID(), requestId }),
    syncNow: async () => deps.syncNow?.(),
  });

  return async function handle(raw: unknown, kind: SenderKind, sender: HandlerContext['sender'] = {}): Promise<Reply> {
    const parsed = parseMessage(raw, kind);
    if (!parsed.ok) return parsed;
    const msg = parsed.message;
    // A modal frame acts only once it holds its tab's live registration: a copy framed elsewhere is refused.
    if (kind === 'modal' && msg.type !== 'modal.claim') {
      const live = deps.modals && sender.tabId !== undefined && sender.frameId !== undefined;
      if (!live || !(await deps.modals?.isLive(sender.tabId as number, sender.frameId as number))) {
        return { ok: false, error: 'Rejected: this timer was not opened by Stint on this page.' };
      }
    }
    const call = contextFor(requestIdOf(raw), sender, kind);
    const handler = handlers[msg.type] as { locked: boolean; run(m: typeof msg, c: HandlerContext): Promise<unknown> };
    try {
      const data = await (handler.locked ? exclusive(() => handler.run(msg, call)) : handler.run(msg, call));
      if (!READS.has(msg.type)) deps.changed?.();
      return { ok: true, data };
    } catch (err) {
      return failure(err);
    }
  };
}
