/**
 * api.harvestapp.com/v2 — authentication (https://help.getharvest.com/api-v2/authentication-api/authentication/authentication/):
 * `Authorization: Bearer <token>` + `Harvest-Account-Id: <id>` headers, or the `access_token` / `account_id`
 * query parameters. A missing, unknown, revoked or expired token, or a missing/foreign account id, answers 401
 * with Harvest's `invalid_token` body. Requests without a User-Agent answer 400, as the overview documents.
 */
import type { Clock } from './clock';
import type { EmuRequest, EmuResponse } from './http';
import { invalidToken, json, notFound, paginate, toInt, unprocessable } from './http';
import type { RateLimiter } from './rateLimit';
import { companyJson, projectAssignmentJson, userJson } from './serialize';
import type { Account, AccountUser, Store, Token, UserAssignment } from './state';
import {
  type ApiCtx,
  createTimeEntry,
  deleteExternalReference,
  deleteTimeEntry,
  getTimeEntry,
  listTimeEntries,
  restartTimeEntry,
  stopTimeEntry,
  updateTimeEntry,
} from './timeEntries';

export interface ApiOptions {
  requireUserAgent: boolean;
  maxPerPage: number;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'Authorization, Harvest-Account-Id, Content-Type, User-Agent',
  'access-control-max-age': '600',
};

export function bearerToken(req: EmuRequest): string | null {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    return m ? (m[1] as string).trim() : null;
  }
  return req.url.searchParams.get('access_token');
}

/** A usable token (exists, not revoked, not expired) or null. */
export function liveToken(store: Store, value: string | null, now: number): Token | null {
  if (!value) return null;
  const token = store.tokens.get(value);
  if (!token || token.revoked) return null;
  if (token.expiresAt !== null && now >= token.expiresAt) return null;
  return store.identities.has(token.identityId) ? token : null;
}

function authenticate(store: Store, req: EmuRequest, now: number): { token: Token; account: Account; user: AccountUser } | null {
  const token = liveToken(store, bearerToken(req), now);
  if (!token) return null;
  const accountId = toInt(req.headers['harvest-account-id'] ?? req.url.searchParams.get('account_id'));
  if (accountId === null) return null;
  const account = store.accounts.get(accountId);
  if (account?.product !== 'harvest') return null;
  if (token.accountIds !== 'all' && !token.accountIds.includes(accountId)) return null;
  const user = store.userInAccount(token.identityId, accountId);
  if (!user?.isActive) return null;
  return { token, account, user };
}

function listProjectAssignments(ctx: ApiCtx): EmuResponse {
  const q = ctx.req.url.searchParams;
  let since: number | null = null;
  if (q.has('updated_since')) {
    since = Date.parse(q.get('updated_since') as string);
    if (Number.isNaN(since)) return unprocessable('updated_since is not a valid datetime');
  }
  const all = ctx.store.assignmentsByUser.get(ctx.user.id) ?? [];
  const active: UserAssignment[] = [];
  for (const ua of all) {
    const project = ctx.store.projects.get(ua.projectId);
    if (!ua.isActive || !project?.isActive) continue;
    if (since !== null && Math.max(ua.updatedAt, project.updatedAt) < since) continue;
    active.push(ua);
  }
  return paginate(ctx.req, active, 'project_assignments', (ua) => projectAssignmentJson(ctx.store, ua), ctx.maxPerPage);
}

function route(ctx: ApiCtx): EmuResponse {
  const { method } = ctx.req;
  const path = ctx.req.url.pathname.replace(/\/+$/, '');
  if (method === 'GET' && path === '/v2/users/me') return json(200, userJson(ctx.store, ctx.user));
  if (method === 'GET' && path === '/v2/company') return json(200, companyJson(ctx.account));
  if (method === 'GET' && path === '/v2/users/me/project_assignments') return listProjectAssignments(ctx);
  if (path === '/v2/time_entries') {
    if (method === 'GET') return listTimeEntries(ctx);
    if (method === 'POST') return createTimeEntry(ctx);
    return notFound();
  }
  const m = /^\/v2\/time_entries\/(\d+)(?:\/(stop|restart|external_reference))?$/.exec(path);
  if (m) {
    const id = Number(m[1]);
    const action = m[2];
    if (!action && method === 'GET') return getTimeEntry(ctx, id);
    if (!action && method === 'PATCH') return updateTimeEntry(ctx, id);
    if (!action && method === 'DELETE') return deleteTimeEntry(ctx, id);
    if (action === 'stop' && method === 'PATCH') return stopTimeEntry(ctx, id);
    if (action === 'restart' && method === 'PATCH') return restartTimeEntry(ctx, id);
    if (action === 'external_reference' && method === 'DELETE') return deleteExternalReference(ctx, id);
  }
  return notFound();
}

export function handleApi(store: Store, clock: Clock, limiter: RateLimiter, options: ApiOptions, req: EmuRequest): EmuResponse {
  const withCors = (r: EmuResponse): EmuResponse => ({ ...r, headers: { ...CORS, ...r.headers } });
  if (req.method === 'OPTIONS') return withCors({ status: 204, headers: {}, body: '' });
  if (options.requireUserAgent && !req.headers['user-agent']) {
    return withCors(json(400, { message: 'Missing User-Agent header. Please include one identifying your application.' }));
  }
  const now = clock.now();
  const auth = authenticate(store, req, now);
  if (!auth) return withCors(invalidToken());
  const limited = limiter.take(auth.token.value, now);
  if (!limited.ok) return withCors(tooManyRequests(limited.header));
  return withCors(route({ store, now, account: auth.account, user: auth.user, req, maxPerPage: options.maxPerPage }));
}

/** Harvest answers 429 with an HTML page and `Retry-After` (observed: text/html, retry-after: 15). */
export function tooManyRequests(retryAfter: string): EmuResponse {
  return {
    status: 429,
    headers: { 'content-type': 'text/html', 'retry-after': retryAfter },
    body: '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Too Many Requests</title></head><body><h1>Too Many Requests</h1><p>You have been rate limited. Please retry later.</p></body></html>',
  };
}
