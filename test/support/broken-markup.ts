/**
 * Fixtures that break on purpose (issue 13): a site's page as it would look after a redesign that renamed every
 * class name, test id (`data-testid` and its cousins `data-test-id`, `data-test`, `data-qa`, `data-cy`) and
 * id, at random — text, roles and ARIA kept. Made from the existing fixtures, never written by hand.
 *
 * The names are renamed where the page's markup and style sheets carry them (here, in Node), and where the
 * page's own scripts write or look them up: a prelude script, first in <head>, makes the page's DOM calls speak
 * the new names (`querySelector('.js-title')` finds what is now `.zq3…`, `className = 'a b'` writes the new
 * ones), as a site's rebuilt bundle would. Content scripts run in an isolated world with the browser's own DOM
 * functions, so Stint meets only the renamed page. One source (RENAMER) runs in both places, so both agree.
 */

/** Plain JavaScript: evaluated in Node for the static markup and served as the page's prelude script. */
const RENAMER = String.raw`
var TEST_IDS = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy'];
var ID_REFS = ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-activedescendant',
  'aria-details', 'aria-errormessage', 'aria-flowto', 'headers', 'list', 'form', 'popovertarget'];
var made = Object.create(null);
var taken = Object.create(null);
/** A new name for a name, the same every time for a seed (FNV-1a, then mixed). Already-new names stay. */
function rename(n) {
  if (!n || taken[n]) return n;
  if (made[n]) return made[n];
  var h = (2166136261 ^ seed) >>> 0;
  for (var i = 0; i < n.length; i++) h = Math.imul(h ^ n.charCodeAt(i), 16777619) >>> 0;
  var g = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
  var r = 'z' + g.toString(36) + (Math.imul(g ^ (g >>> 13), 3266489909) >>> 0).toString(36).slice(0, 3);
  made[n] = r;
  taken[r] = true;
  return r;
}
function tokens(v) { return String(v).replace(/\S+/g, rename); }
/** Test ids are often dotted paths matched by prefix or suffix: renamed segment by segment. */
function testId(v) { return String(v).split('.').map(rename).join('.'); }
function attr(name, value) {
  name = String(name).toLowerCase();
  value = String(value);
  if (name === 'class' || ID_REFS.indexOf(name) >= 0) return tokens(value);
  if (name === 'id') return rename(value);
  if (TEST_IDS.indexOf(name) >= 0) return testId(value);
  if ((name === 'href' || name === 'data-target') && /^#[A-Za-z][\w-]*$/.test(value)) return '#' + rename(value.slice(1));
  return value;
}
function attrSelector(inner) {
  var m = /^\s*([\w-]+)\s*([~|^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\s'"]+))\s*([is])?\s*$/.exec(inner);
  if (!m) return inner;
  var name = m[1].toLowerCase(), op = m[2], v = m[3] != null ? m[3] : m[4] != null ? m[4] : m[5];
  var nv = v;
  if (name === 'class' && op === '~=') nv = rename(v);
  else if (name === 'id' && op === '=') nv = rename(v);
  else if (TEST_IDS.indexOf(name) >= 0 && op !== '*=') nv = testId(v);
  else if (ID_REFS.indexOf(name) >= 0 && op === '=') nv = tokens(v);
  return m[1] + op + JSON.stringify(nv) + (m[6] ? ' ' + m[6] : '');
}
/** A CSS selector with its class, id and test-id parts renamed. */
function selector(sel) {
  sel = String(sel);
  var out = '', i = 0;
  while (i < sel.length) {
    var c = sel[i];
    if (c === '[') {
      var j = i + 1, q = null;
      for (; j < sel.length; j++) {
        if (q) { if (sel[j] === q) q = null; }
        else if (sel[j] === '"' || sel[j] === "'") q = sel[j];
        else if (sel[j] === ']') break;
      }
      out += '[' + attrSelector(sel.slice(i + 1, j)) + ']';
      i = j + 1;
      continue;
    }
    if ((c === '.' || c === '#') && /[A-Za-z_-]/.test(sel[i + 1] || '')) {
      var word = /^[\w-]+/.exec(sel.slice(i + 1))[0];
      out += c + rename(word);
      i += 1 + word.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
var TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>\x60]+))?)*)(\s*\/?)>/g;
var ATTR = /(\s+)([^\s"'>\/=]+)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>\x60]+)))?/g;
/** Markup (no scripts in it) with its attributes renamed. */
function markup(html) {
  return String(html).replace(TAG, function (all, tag, attrs, end) {
    return '<' + tag + attrs.replace(ATTR, function (a, space, name, eq, d, s, u) {
      if (eq == null) return a;
      var v = d != null ? d : s != null ? s : u;
      var q = s != null ? "'" : '"';
      return space + name + eq + q + attr(name, v) + q;
    }) + end + '>';
  });
}
function css(text) {
  return String(text).replace(/([^{}]+)\{/g, function (a, prelude) { return (/^\s*@/.test(prelude) ? prelude : selector(prelude)) + '{'; });
}
/** A whole page: markup and style sheets renamed; comments and script bodies as they are. */
function page(html) {
  var re = /<!--[\s\S]*?-->|<script\b[^>]*>[\s\S]*?<\/script>|<style\b[^>]*>[\s\S]*?<\/style>/gi;
  var out = '', last = 0, m;
  while ((m = re.exec(html))) {
    out += markup(html.slice(last, m.index));
    var block = m[0], open = /^<(script|style)\b[^>]*>/i.exec(block);
    if (!open) out += block;
    else {
      var body = block.slice(open[0].length, block.length - open[1].length - 3);
      out += markup(open[0]) + (open[1].toLowerCase() === 'style' ? css(body) : body) + '</' + open[1] + '>';
    }
    last = re.lastIndex;
  }
  return out + markup(html.slice(last));
}
/** In the page: its scripts' DOM calls take the old names and write the new ones (the main world only). */
function install() {
  function wrap(proto, key, map) {
    var orig = proto[key];
    proto[key] = function (arg) { return orig.apply(this, [map(arg)].concat([].slice.call(arguments, 1))); };
  }
  [Document.prototype, Element.prototype, DocumentFragment.prototype].forEach(function (p) {
    wrap(p, 'querySelector', selector);
    wrap(p, 'querySelectorAll', selector);
  });
  wrap(Element.prototype, 'closest', selector);
  wrap(Element.prototype, 'matches', selector);
  wrap(Document.prototype, 'getElementById', rename);
  var set = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (n, v) { return set.call(this, n, attr(n, v)); };
  function setter(proto, key, map) {
    var d = Object.getOwnPropertyDescriptor(proto, key);
    Object.defineProperty(proto, key, { configurable: true, enumerable: d.enumerable, get: d.get,
      set: function (v) { d.set.call(this, map(v)); } });
  }
  setter(Element.prototype, 'className', tokens);
  setter(Element.prototype, 'id', rename);
  setter(Element.prototype, 'innerHTML', markup);
  ['add', 'remove', 'contains', 'toggle', 'replace'].forEach(function (k) {
    var orig = DOMTokenList.prototype[k];
    DOMTokenList.prototype[k] = function () {
      var a = [].slice.call(arguments).map(function (x) { return typeof x === 'string' ? rename(x) : x; });
      return orig.apply(this, a);
    };
  });
}
`;

export interface Renamer {
  rename(name: string): string;
  selector(selector: string): string;
  markup(html: string): string;
  page(html: string): string;
  /** Every new name given so far. */
  given(): string[];
}

/** The renamer for a seed, in Node. */
export function renamer(seed: number): Renamer {
  return new Function(
    'seed',
    `${RENAMER}\nreturn { rename: rename, selector: selector, markup: markup, page: page, given: function () { return Object.keys(taken); } };`,
  )(seed);
}

/** The broken variant of a fixture page: renamed markup, and the prelude that renames for its scripts. */
export function brokenPage(html: string, seed: number): string {
  const r = renamer(seed);
  const renamed = r.page(html);
  // The page's scripts read new names back from the markup (an href="#…" they then look up): already new, kept.
  const prelude = `<script>(function (seed, given) {${RENAMER}\ngiven.forEach(function (n) { taken[n] = true; });\ninstall();})(${seed}, ${JSON.stringify(r.given())});</script>`;
  const head = /<head\b[^>]*>/i.exec(renamed);
  if (!head) throw new Error('fixture page without <head>');
  const at = head.index + head[0].length;
  return `${renamed.slice(0, at)}${prelude}${renamed.slice(at)}`;
}

/** Attributes renamed in a broken variant (compared by presence only when checking that all else is kept). */
export const RENAMED_ATTRIBUTES = ['class', 'id', 'data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy'];
