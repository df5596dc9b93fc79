/**
 * Manifest match patterns (`https://*.atlassian.net/*`) as RegExps, so the content script can tell which
 * integrations apply to the page it runs in. Tiny on purpose: it ships in every content script.
 */
const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

export function patternToRegExp(pattern: string): RegExp {
  const m = /^(\*|https?|file):\/\/(\*|\*\.[^/*]+|[^/*]*)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`Not a match pattern: ${pattern}`);
  const [, scheme = '', host = '', path = ''] = m;
  const schemeRe = scheme === '*' ? 'https?' : esc(scheme);
  const hostRe = host === '*' ? '[^/]+' : host.startsWith('*.') ? `(?:[^/]+\\.)?${esc(host.slice(2))}` : esc(host);
  const pathRe = path.split('*').map(esc).join('.*');
  // Match patterns ignore the port.
  return new RegExp(`^${schemeRe}://${hostRe}(?::\\d+)?${pathRe}$`);
}

export function matchesAny(url: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => patternToRegExp(p).test(url));
}

/**
 * An integration's patterns widened to whole origins. Task pages of single-page apps are mostly reached by
 * in-page navigation from other pages of the same site, so the content script must already be there; each
 * integration's `task()` then decides which pages are tasks.
 */
export const originPatterns = (i: { matches: readonly string[] }): string[] =>
  i.matches.map((p) => p.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*'));

/** Origin pattern (`https://git.example.com/*`) for a self-hosted domain typed by the user. */
export function originPattern(origin: string): string {
  const u = new URL(origin.includes('://') ? origin : `https://${origin}`);
  return `${u.protocol}//${u.hostname}/*`;
}
