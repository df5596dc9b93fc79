import { z } from 'zod';
import { type Clock, formatClock, t } from '../i18n';
import { type BudgetInfo, type BudgetRead, providerInfo, providerName } from '../providers/catalog';
import type { GateAnswer, Quota } from '../providers/http';
import { ProviderError } from '../providers/types';
import type { Pace } from './pacer';

/**
 * Request budgets: each account's share of its tracker's documented quotas (lib/providers/catalog.ts), per bucket
 * (Toggl: the user's /me quota and the organisation's workspace quota; Harvest and Clockify: their one limit).
 * A bucket's window opens with its first request and lasts its windowMs, as Toggl counts; the quota the server
 * reports on an answer (Toggl's headers) replaces the estimate, so other apps spending the same quota, or a
 * bigger plan than assumed, are learned from the next answer.
 *
 * Writes (the outbox) may spend a bucket to its last request; reads (the remote timer, project lists, echo
 * checks) leave a reserve to writes; and polls of the remote timer are spread over what is left of the window,
 * so a morning of tab switching does not spend the afternoon's budget. A request the budget cannot pay for is
 * refused before it leaves, with the time the quota comes back.
 */

/** Share of each bucket that reads leave to writes. */
export const WRITE_RESERVE = 0.2;
/** Polls on focus changes are at least this far apart, whatever the budget (tab switching comes in storms). */
export const POLL_MIN_GAP_MS = 30_000;

/** The read-back of the week's entries goes at most this many times slower than the remote timer's looks. */
export const READBACK_SPREAD = 4;

/** Why the remote timer is looked at: the user looks (popup, options page, retry), or a tab or window gained focus. */
export type PollReason = 'look' | 'focus';
/** A 402 that says nothing of when the quota comes back: look again after this. */
export const QUOTA_FALLBACK_MS = 60_000;

export interface BucketState {
  limit: number;
  windowMs: number;
  remaining: number;
  /** When the open window ends; null: none is open (the next request opens one). */
  resetAt: number | null;
}

/** The bucket as it is at `now`: a window that has ended gives the whole limit back. */
export function settle(b: BucketState, now: number): BucketState {
  return b.resetAt !== null && now >= b.resetAt ? { ...b, remaining: b.limit, resetAt: null } : b;
}

/** One request more (opening a window if none is open); null when nothing is left. */
export function spend(b: BucketState, now: number): BucketState | null {
  const s = settle(b, now);
  if (s.remaining <= 0) return null;
  return { ...s, remaining: s.remaining - 1, resetAt: s.resetAt ?? now + s.windowMs };
}

/**
 * What the server said is left, with `othersInFlight` requests sent meanwhile and maybe not counted in it yet. A
 * server that has more left than the assumed limit allows is on a bigger plan: the limit follows, for later windows.
 */
export function observe(b: BucketState, now: number, quota: Quota, othersInFlight: number): BucketState {
  return {
    ...b,
    limit: Math.max(b.limit, quota.remaining + 1),
    remaining: Math.max(0, quota.remaining - othersInFlight),
    resetAt: now + quota.resetsInMs,
  };
}

/** Requests reads may still spend in this window (what is left above the writes' reserve). */
export function readsLeft(b: BucketState, now: number): number {
  return settle(b, now).remaining - Math.ceil(b.limit * WRITE_RESERVE);
}

/** When the bucket's window ends (now + a window when none is open). */
export const resetOf = (b: BucketState, now: number): number => settle(b, now).resetAt ?? now + b.windowMs;

const SnapshotSchema = z.object({
  plan: z.string().max(40).nullable(),
  lastReadAt: z.number(),
  /** When the week's entries were last read back (budgets saved before the read-back have none). */
  lastReadbackAt: z.number().optional(),
  buckets: z.record(
    z.string().max(40),
    z.object({ limit: z.number().int().min(1), remaining: z.number().int().min(0), resetAt: z.number().nullable() }),
  ),
});
export type BudgetSnapshot = z.infer<typeof SnapshotSchema>;
const SnapshotsSchema = z.record(z.string(), SnapshotSchema);

/** "14:05": a reset time, rounded up to the minute (never earlier than the quota really comes back). */
export const resetClock = (at: number, clock?: Clock): string => formatClock(Math.ceil(at / 60_000) * 60_000, clock);

/** One account's budget: its buckets, the plan that sizes them, and when its remote timer was last polled. */
export class Budget {
  private readonly info: BudgetInfo | undefined;
  private plan: string | null;
  private lastReadAt: number;
  private lastReadbackAt: number;
  private readonly buckets = new Map<string, BucketState>();
  private readonly inflight = new Map<string, number>();
  /** A time-scaled pace (tests, bench): buckets that are the documented pace follow it. */
  private pace: Pace | null = null;

  constructor(
    private readonly provider: string,
    private readonly now: () => number,
    private readonly changed: () => void = () => undefined,
    saved?: BudgetSnapshot,
  ) {
    this.info = providerInfo(provider)?.budget;
    this.plan = saved?.plan ?? null;
    this.lastReadAt = saved?.lastReadAt ?? 0;
    this.lastReadbackAt = saved?.lastReadbackAt ?? 0;
    for (const name of this.names()) {
      const b = saved?.buckets[name];
      const fresh = this.fresh(name);
      this.buckets.set(name, b ? { ...fresh, ...b, limit: Math.max(b.limit, fresh.limit) } : fresh);
    }
  }

  private names(): string[] {
    return this.info ? Object.keys(this.info.buckets) : ['requests'];
  }

  /** A declared bucket: the one named, else the first (a request or read the provider does not place). */
  name(bucket?: string): string {
    const names = this.names();
    return bucket !== undefined && names.includes(bucket) ? bucket : (names[0] ?? 'requests');
  }

  private readName(read: BudgetRead): string {
    return this.name(this.info?.reads?.[read]);
  }

  /** Whether a bucket is the documented pace itself (Harvest, Clockify, a tracker without quotas). */
  private paced(name: string): boolean {
    const spec = this.info?.buckets[name];
    const pace = providerInfo(this.provider)?.pace;
    return !spec || (pace !== undefined && spec.requests === pace.requests && spec.windowMs === pace.windowMs);
  }

  /** The documented limit of a bucket for the account's plan (the first plan until it is known). */
  private fresh(name: string): BucketState {
    const spec = this.info?.buckets[name];
    const pace = this.pace ?? providerInfo(this.provider)?.pace ?? { requests: 100, windowMs: 15_000 };
    if (!spec || (this.pace && this.paced(name))) {
      return { limit: pace.requests, windowMs: pace.windowMs, remaining: pace.requests, resetAt: null };
    }
    const plans = typeof spec.requests === 'number' ? null : spec.requests;
    const limit = plans ? (plans[this.plan ?? ''] ?? Object.values(plans)[0] ?? 1) : (spec.requests as number);
    return { limit, windowMs: spec.windowMs, remaining: limit, resetAt: null };
  }

  private state(name: string): BucketState {
    return settle(this.buckets.get(name) ?? this.fresh(name), this.now());
  }

  private set(name: string, b: BucketState): void {
    this.buckets.set(name, b);
    this.changed();
  }

  /** The plan the tracker reported (Toggl: from the workspace): its limits replace the assumed ones. */
  setPlan(plan: string | undefined): void {
    if (!plan || plan === this.plan) return;
    this.plan = plan;
    for (const name of this.names()) {
      const b = this.state(name);
      const limit = this.fresh(name).limit;
      this.set(name, { ...b, limit, remaining: Math.max(0, b.remaining + limit - b.limit) });
    }
  }

  /** A time-scaled pace (the `pace` override): the buckets that are the documented pace follow it. */
  setPace(pace: Pace | null): void {
    if (JSON.stringify(pace) === JSON.stringify(this.pace)) return;
    this.pace = pace;
    for (const name of this.names()) if (this.paced(name)) this.buckets.set(name, this.fresh(name));
  }

  /** Throws the quota error when `bucket` has nothing left (before waiting for a turn at the pacer). */
  check(bucket?: string): void {
    const name = this.name(bucket);
    const b = this.state(name);
    if (b.remaining <= 0) throw this.usedUp(resetOf(b, this.now()));
  }

  /** Counts a request leaving now; the function it returns reads the answer's quota. Throws when nothing is left. */
  take(bucket?: string): (answer?: GateAnswer) => void {
    const name = this.name(bucket);
    const now = this.now();
    const spent = spend(this.state(name), now);
    if (!spent) throw this.usedUp(resetOf(this.state(name), now));
    this.set(name, spent);
    this.inflight.set(name, (this.inflight.get(name) ?? 0) + 1);
    let ended = false;
    return (answer) => {
      if (ended) return;
      ended = true;
      const others = (this.inflight.get(name) ?? 1) - 1;
      this.inflight.set(name, others);
      if (!answer) return;
      const at = this.now();
      if (answer.quota) this.set(name, observe(this.state(name), at, answer.quota, others));
      else if (answer.status === 402) {
        this.set(name, { ...this.state(name), remaining: 0, resetAt: at + (answer.retryAfterMs ?? QUOTA_FALLBACK_MS) });
      }
    };
  }

  /** Whether a read (project list, echo check) may spend its bucket now. */
  mayRead(read: BudgetRead): boolean {
    return readsLeft(this.state(this.readName(read)), this.now()) >= 1;
  }

  /** A read of the remote timer's bucket went (an echo check): the next poll waits its turn after it. */
  noteRead(read: BudgetRead): void {
    if (this.readName(read) !== this.readName('running')) return;
    this.lastReadAt = this.now();
    this.changed();
  }

  /** When a read of this kind may spend its bucket again (now when it may). */
  readableAt(read: BudgetRead): number {
    const now = this.now();
    const b = this.state(this.readName(read));
    return readsLeft(b, now) >= 1 ? now : resetOf(b, now);
  }

  /**
   * Whether the remote timer may be polled now, and if so counts the poll: polls are spread evenly over what the
   * reads have left of the window (an echo check of the same bucket takes a turn too). A look the user asked for
   * (the popup opened) needs only that; a tab or window gaining focus also waits POLL_MIN_GAP_MS after the last.
   */
  admitPoll(why: PollReason = 'look'): boolean {
    if (this.pollWaitMs(why) !== 0) return false;
    this.lastReadAt = this.now();
    this.changed();
    return true;
  }

  /** How long until `admitPoll(why)` would admit a poll: 0 now; null while the window's reads are spent. */
  pollWaitMs(why: PollReason = 'look'): number | null {
    const now = this.now();
    const b = this.state(this.readName('running'));
    const left = readsLeft(b, now);
    if (left < 1) return null;
    const spread = (resetOf(b, now) - now) / left;
    return Math.max(0, this.lastReadAt + (why === 'focus' ? Math.max(POLL_MIN_GAP_MS, spread) : spread) - now);
  }

  /**
   * Whether the week may be read back now (the popup opened), and if so counts it. Its listing holds the running
   * entry, so it stands for that look at the remote timer (the next poll waits its turn after it). It is spread like
   * the polls over what the reads have left of the window, READBACK_SPREAD times wider (the polls on focus share the
   * bucket; a Toggl Free user's 30 requests an hour keep a fifth for writes): the first of a window goes at once.
   */
  admitReadback(): boolean {
    const now = this.now();
    const b = this.state(this.readName('entries'));
    const left = readsLeft(b, now);
    if (left < 1) return false;
    if (now - this.lastReadbackAt < (READBACK_SPREAD * (resetOf(b, now) - now)) / left) return false;
    this.lastReadbackAt = now;
    if (this.readName('entries') === this.readName('running')) this.lastReadAt = now;
    this.changed();
    return true;
  }

  /** The error of a request the budget cannot pay for: the quota is used up until `at`. */
  usedUp(at: number): ProviderError {
    return new ProviderError('quota', t('quota_used_up', providerName(this.provider), resetClock(at)), {
      retryAfterMs: Math.max(0, at - this.now()),
      sent: false,
    });
  }

  /** The error of a read the budget holds back (what is left is kept for writes) until `readableAt(read)`. */
  heldBack(read: BudgetRead): ProviderError {
    const at = this.readableAt(read);
    return new ProviderError('quota', t('quota_kept_for_sync', providerName(this.provider), resetClock(at)), {
      retryAfterMs: Math.max(0, at - this.now()),
      sent: false,
    });
  }

  snapshot(): BudgetSnapshot {
    const buckets: BudgetSnapshot['buckets'] = {};
    for (const [name, b] of this.buckets) buckets[name] = { limit: b.limit, remaining: b.remaining, resetAt: b.resetAt };
    return { plan: this.plan, lastReadAt: this.lastReadAt, lastReadbackAt: this.lastReadbackAt, buckets };
  }
}

/** Where budgets outlive the worker (storage.session in the background: an MV3 worker stops after 30 s idle). */
export interface BudgetStore {
  load(): Promise<unknown>;
  save(value: unknown): Promise<void>;
}

/** A BudgetStore in the browser's session storage (cleared when the browser closes; the next answer corrects it). */
export function sessionBudgetStore(area: {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}) {
  const KEY = 'budgets';
  return {
    load: async () => (await area.get(KEY))[KEY],
    save: (value: unknown) => area.set({ [KEY]: value }),
  } satisfies BudgetStore;
}

/** One budget per account, shared by every request made for it; saved after every change. */
export function createBudgets(o: { now?: () => number; store?: BudgetStore } = {}) {
  const now = o.now ?? Date.now;
  const budgets = new Map<string, Budget>();
  /** What the store held when this worker started: accounts not used yet keep theirs. */
  let saved: Record<string, BudgetSnapshot> = {};
  let loading: Promise<void> | null = null;
  const load = () =>
    (loading ??= (o.store?.load() ?? Promise.resolve(undefined))
      .then((v) => {
        saved = SnapshotsSchema.safeParse(v ?? {}).data ?? {};
      })
      .catch(() => undefined));

  // Changes of one task are saved together, after it (a microtask later).
  let queued = false;
  const persist = () => {
    if (!o.store || queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      const all = { ...saved, ...Object.fromEntries([...budgets].map(([id, b]) => [id, b.snapshot()])) };
      o.store?.save(all).catch((err: unknown) => console.warn('Stint: could not save request budgets', err));
    });
  };

  async function get(accountId: string, provider: string): Promise<Budget> {
    await load();
    let budget = budgets.get(accountId);
    if (!budget) {
      budget = new Budget(provider, now, persist, saved[accountId]);
      budgets.set(accountId, budget);
    }
    return budget;
  }

  return {
    get,
    /** An unlinked account's budget goes with it. */
    forget(accountId: string): void {
      budgets.delete(accountId);
      delete saved[accountId];
      persist();
    },
  };
}
export type Budgets = ReturnType<typeof createBudgets>;
