import { t } from '../i18n';
import type { BookingRequest } from '../protocol/messages';
import { groupKey, type Task } from './entry';
import { ruleFor } from './rules';
import type { Booking, BookingRef, Rule, Tag } from './schemas';

/**
 * Tags and the billable flag, pure: which an entry carries after an intent, what a form offers first, and the tag
 * picker's search. Shared by the background (lib/core/tracker.ts through lib/background/intents.ts) and the pages.
 */

/** What the background knows of a booking's account when it classifies an entry. */
export interface ClassifyContext {
  /** The tracker has workspace tags and an editable billable flag (Clockify, Toggl). */
  tagged: boolean;
  /** The account's workspace tags, as cached. */
  tags: readonly Tag[];
  /** The billable default of the booked project and task (its assignment), when the tracker says. */
  billableDefault?: boolean;
}

/** What an intent asks: tag ids and billable, each undefined when the sender left it as it was. */
export interface ClassifyAsk {
  tags?: readonly string[];
  billable?: boolean;
}

export interface Classified {
  tags?: Tag[];
  billable?: boolean;
}

/**
 * The tags and billable flag an entry booked to `booking` carries. Tags: the ones asked for (each must be one of
 * the workspace's), else the entry's own while it stays in the same account, else none said. Billable: as asked,
 * else the entry's own while its project and task stay, else the project's and task's default. A booking to a
 * tracker without tags (Harvest, whose billable comes from the task assignment and is not Stint's to set) or to
 * Local carries neither; an entry of an account no longer linked (no context) keeps what it carried. An error message
 * when an asked tag is not the workspace's.
 */
export function classify(
  booking: Booking | null,
  ask: ClassifyAsk,
  before: { booking: Booking | null; tags?: Tag[]; billable?: boolean } | null,
  ctx: ClassifyContext | null,
): Classified | string {
  if (!booking) return {};
  const sameAccount = before?.booking?.accountId === booking.accountId;
  if (!ctx?.tagged) {
    // An account no longer linked (no context): an edit of its entry keeps what it carried, never erases it.
    if (ctx || !sameAccount || !before) return {};
    return { ...(before.tags ? { tags: before.tags } : {}), ...(before.billable !== undefined ? { billable: before.billable } : {}) };
  }
  const out: Classified = {};
  const samePair = sameAccount && before?.booking?.projectId === booking.projectId && before?.booking?.taskId === booking.taskId;
  if (ask.tags !== undefined) {
    const byId = new Map(ctx.tags.map((tag) => [tag.id, tag]));
    const chosen: Tag[] = [];
    for (const id of new Set(ask.tags)) {
      const tag = byId.get(id);
      if (!tag) return t('tag_unknown');
      chosen.push(tag);
    }
    out.tags = chosen;
  } else if (sameAccount && before?.tags) out.tags = before.tags;
  if (ask.billable !== undefined) out.billable = ask.billable;
  else if (samePair && before?.billable !== undefined) out.billable = before.billable;
  else if (ctx.billableDefault !== undefined) out.billable = ctx.billableDefault;
  return out;
}

/**
 * What an entry adopted from the tracker (a timer started elsewhere) carries: its tags when every one is in the cached
 * list (else none said, so Stint never clears tags it cannot name), and its billable flag.
 */
export function remoteLabels(remote: { tagIds?: readonly string[]; billable?: boolean }, ctx: ClassifyContext | null): Classified {
  if (!ctx?.tagged) return {};
  const byId = new Map(ctx.tags.map((tag) => [tag.id, tag]));
  const tags = (remote.tagIds ?? []).map((id) => byId.get(id));
  const known = remote.tagIds !== undefined && tags.every((tag) => tag !== undefined);
  return { ...(known ? { tags: tags as Tag[] } : {}), ...(remote.billable !== undefined ? { billable: remote.billable } : {}) };
}

/**
 * The tags a new entry's form offers first for a booking: the rule's pinned for the task's site when the booking is
 * in the rule's account, else the ones last chosen for the task's group (or overall) in that account, else none.
 */
export function initialTags(
  task: Task | null,
  accountId: string | null,
  ctx: { rules: readonly Rule[]; lastBooking: Record<string, BookingRef | null> },
): string[] {
  if (!accountId) return [];
  const rule = ruleFor(ctx.rules, task);
  if (rule?.accountId === accountId && rule.tagIds) return [...rule.tagIds];
  for (const key of task ? [groupKey(task), '*'] : ['*']) {
    const remembered = ctx.lastBooking[key];
    if (remembered?.accountId === accountId && remembered.tagIds) return [...remembered.tagIds];
  }
  return [];
}

/** The tags a rule pins for an intent that named no booking (a one-click start books by the rule). */
export function ruleTags(rules: readonly Rule[], task: Task | null, ref: BookingRequest): string[] | undefined {
  return ref === undefined ? ruleFor(rules, task)?.tagIds : undefined;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/**
 * The tag picker's list for a query: tags whose name contains it (accents and case ignored), names that start with
 * it first, then alphabetical; `exact` says whether a tag has exactly that name (no "Create" offered then).
 */
export function searchTags(tags: readonly Tag[], query: string, limit = 50): { results: Tag[]; total: number; exact: boolean } {
  const q = fold(query);
  const hits = tags
    .map((tag) => ({ tag, name: fold(tag.name) }))
    .filter((x) => x.name.includes(q))
    .sort((a, b) => Number(!a.name.startsWith(q)) - Number(!b.name.startsWith(q)) || a.name.localeCompare(b.name));
  return { results: hits.slice(0, limit).map((x) => x.tag), total: hits.length, exact: q !== '' && hits.some((x) => x.name === q) };
}
