/** Request/response plumbing shared by the api.harvestapp.com and id.getharvest.com handlers. */

export type HostKind = 'api' | 'id';

export interface EmuRequest {
  method: string;
  host: HostKind;
  url: URL;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  rawBody: string;
  /** Origin used to build absolute URLs (pagination links, form actions). */
  origin: string;
}

export interface EmuResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): EmuResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export function redirect(location: string): EmuResponse {
  return {
    status: 302,
    headers: { location, 'content-type': 'text/html; charset=utf-8' },
    body: `<html><body>You are being <a href="${escapeHtml(location)}">redirected</a>.</body></html>`,
  };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Harvest's 401 body (seen verbatim in client bug reports for a bad/expired token or a missing account id). */
export function invalidToken(): EmuResponse {
  return json(401, {
    error: 'invalid_token',
    error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
  });
}

export const notFound = (): EmuResponse => json(404, { status: 404, error: 'Not Found' });
export const forbidden = (message?: string): EmuResponse => json(403, message ? { message } : { status: 403, error: 'Forbidden' });
export const unprocessable = (message: string): EmuResponse => json(422, { message });

/** Parses a JSON or form-encoded body (the docs allow both). Form keys like `a[b]=1` become nested objects. */
export function parseBody(req: EmuRequest): Record<string, unknown> | null {
  const text = req.rawBody.trim();
  if (text === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(text)) {
      const m = /^([^[]+)\[([^\]]+)\]$/.exec(key);
      if (m) {
        const outer = m[1] as string;
        const inner = typeof out[outer] === 'object' && out[outer] !== null ? (out[outer] as Record<string, unknown>) : {};
        inner[m[2] as string] = value;
        out[outer] = inner;
      } else out[key] = value;
    }
    return out;
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Accepts 42, "42"; anything else → null. */
export function toInt(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

export function toNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function toBool(v: string | null): boolean | null {
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export function isValidDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/**
 * Page-based pagination as documented (https://help.getharvest.com/api-v2/introduction/overview/pagination/):
 * `page`, `total_pages`, `total_entries`, `next_page`, `previous_page`, `links {first,next,previous,last}`.
 * `per_page` defaults to (and is capped at) `maxPerPage`; a larger value answers 422.
 */
export function paginate<T>(req: EmuRequest, items: readonly T[], key: string, map: (item: T) => unknown, maxPerPage: number): EmuResponse {
  const q = req.url.searchParams;
  let perPage = maxPerPage;
  if (q.has('per_page')) {
    const n = toInt(q.get('per_page'));
    if (n === null || n < 1 || n > maxPerPage) return unprocessable(`per_page must be between 1 and ${maxPerPage}`);
    perPage = n;
  }
  const requested = toInt(q.get('page'));
  const page = requested === null || requested < 1 ? 1 : requested;
  const totalEntries = items.length;
  const totalPages = Math.max(1, Math.ceil(totalEntries / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const keep = new URLSearchParams();
  for (const [k, v] of q) if (!['page', 'per_page', 'access_token', 'account_id'].includes(k)) keep.append(k, v);
  const link = (p: number): string => {
    const params = new URLSearchParams(keep);
    params.set('page', String(p));
    params.set('per_page', String(perPage));
    return `${req.origin}${req.url.pathname}?${params.toString()}`;
  };
  const nextPage = page < totalPages ? page + 1 : null;
  const previousPage = page > 1 ? Math.min(page - 1, totalPages) : null;
  return json(200, {
    [key]: slice.map(map),
    per_page: perPage,
    total_pages: totalPages,
    total_entries: totalEntries,
    next_page: nextPage,
    previous_page: previousPage,
    page,
    links: {
      first: link(1),
      next: nextPage === null ? null : link(nextPage),
      previous: previousPage === null ? null : link(previousPage),
      last: link(totalPages),
    },
  });
}
