/**
 * Pages the bench serves (loopback HTTPS, real host names). Both are modelled on the GitHub issue fixture
 * (test/fixtures/sites/github/issue.html): React-style view, <h1> with <bdi data-testid="issue-title">, in-page
 * navigation = pushState, then the header is re-rendered a frame later. Each adds a small main-world driver
 * that the bench calls through page.evaluate.
 */

export const REPO = 'octo-org/hello-world';

/** The header GitHub renders for issue `n` (the anchor Stint puts its button after). */
const RENDER = `
function renderIssue(root, n) {
  root.textContent = '';
  const header = document.createElement('div');
  header.setAttribute('data-testid', 'issue-header');
  header.className = 'HeaderViewer-module__headerContainer';
  const h1 = document.createElement('h1');
  h1.setAttribute('data-component', 'PH_Title');
  h1.className = 'prc-PageHeader-Title';
  const bdi = document.createElement('bdi');
  bdi.setAttribute('data-testid', 'issue-title');
  bdi.className = 'markdown-title';
  bdi.textContent = 'Bench issue ' + n;
  const num = document.createElement('span');
  num.className = 'num';
  num.textContent = '#' + n;
  h1.append(bdi, num);
  header.append(h1);
  const body = document.createElement('div');
  body.setAttribute('data-testid', 'issue-body');
  body.textContent = 'Issue body for #' + n;
  // The anchor enters the page here: the bench's t0.
  window.__benchHeader = header;
  window.__benchT0 = performance.now();
  root.append(header, body);
}
const issueNumber = () => Number((/\\/issues\\/(\\d+)/.exec(location.pathname) || [])[1] || 0);
`;

const SHELL = (title: string, body: string, script: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <style>body{font-family:sans-serif;margin:0} h1{font-size:26px;font-weight:400;display:flex;align-items:center;gap:8px}
  .num{color:#59636e} .row{padding:2px 8px;border-bottom:1px solid #eee} .row b{margin-right:6px}</style>
</head>
<body>
  <header class="AppHeader"><nav aria-label="Global">github</nav></header>
  <div class="application-main" id="main">
    <react-app app-name="issues-react"><div data-target="react-app.reactRoot" id="root"></div></react-app>
    ${body}
  </div>
  <script>${RENDER}${script}</script>
</body>
</html>`;

/**
 * In-page navigation latency. `__navigate(n)`: pushState to issue n, render its header a frame later (as React
 * does), resolve with the ms from the header's insertion (t0) to a <stint-button> for that issue inside it,
 * as seen by this main-world MutationObserver. It was created while the page parsed, before the content script
 * (document_idle) created Stint's, so it is notified first in every microtask checkpoint and sees the button in
 * the checkpoint Stint inserts it.
 */
export const NAV_PAGE = SHELL(
  'Issue · bench',
  '',
  `
const root = document.getElementById('root');
let want = null;
let done = null;
new MutationObserver(() => {
  if (!want) return;
  // The button must sit at the anchor just rendered: Stint retargets the old button as soon as the URL changes,
  // a frame before the new header exists, and that one does not count.
  const header = window.__benchHeader;
  const el = header && header.isConnected ? header.querySelector('stint-button') : null;
  if (el && el.getAttribute('data-task-id') === want) {
    const dt = performance.now() - window.__benchT0;
    want = null;
    done(dt);
  }
}).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-task-id'] });
window.__navigate = (n) => new Promise((resolve, reject) => {
  want = '${REPO}#' + n;
  done = resolve;
  window.__benchHeader = null;
  history.pushState({}, '', '/${REPO}/issues/' + n);
  requestAnimationFrame(() => renderIssue(root, n));
  setTimeout(() => { if (done === resolve && want) { want = null; reject(new Error('no <stint-button> for #' + n + ' within 2 s')); } }, 2000);
});
renderIssue(root, issueNumber());
`,
);

/**
 * In-page navigation on a GitHub whose markup Stint's selectors no longer know (a redesign renamed every class
 * and test id): the title is a plain <span> in an <h1> inside <main>, and the tab's title names the issue as
 * GitHub writes it. `__navigate(n)` as on NAV_PAGE, resolving when a <stint-button> placed by the semantic layer
 * (data-layer="semantic") for issue n sits in the header just rendered.
 */
export const FALLBACK_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Bench issue 300 · Issue #300 · ${REPO}</title></head>
<body>
  <header class="x8f2k"><nav aria-label="Global">github</nav></header>
  <main class="q7d1w"><div id="zr0t"></div></main>
  <script>
const root = document.getElementById('zr0t');
const issueNumber = () => Number((/\\/issues\\/(\\d+)/.exec(location.pathname) || [])[1] || 0);
function renderIssue(n) {
  root.textContent = '';
  document.title = 'Bench issue ' + n + ' · Issue #' + n + ' · ${REPO}';
  const header = document.createElement('div');
  header.className = 'k2j9x';
  const h1 = document.createElement('h1');
  h1.className = 'p4m0q';
  const title = document.createElement('span');
  title.className = 'w1c8e';
  title.textContent = 'Bench issue ' + n;
  const num = document.createElement('span');
  num.textContent = '#' + n;
  h1.append(title, ' ', num);
  header.append(h1);
  const body = document.createElement('div');
  body.textContent = 'Issue body for #' + n;
  window.__benchHeader = header;
  window.__benchT0 = performance.now();
  root.append(header, body);
}
let want = null;
let done = null;
new MutationObserver(() => {
  if (!want) return;
  const header = window.__benchHeader;
  const el = header && header.isConnected ? header.querySelector('stint-button') : null;
  if (el && el.getAttribute('data-task-id') === want && el.getAttribute('data-layer') === 'semantic') {
    const dt = performance.now() - window.__benchT0;
    want = null;
    done(dt);
  }
}).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-task-id', 'data-layer'] });
window.__navigate = (n) => new Promise((resolve, reject) => {
  want = '${REPO}#' + n;
  done = resolve;
  window.__benchHeader = null;
  history.pushState({}, '', '/${REPO}/issues/' + n);
  requestAnimationFrame(() => renderIssue(n));
  setTimeout(() => { if (done === resolve && want) { want = null; reject(new Error('no semantic <stint-button> for #' + n + ' within 2 s')); } }, 2000);
});
renderIssue(issueNumber());
  </script>
</body>
</html>`;

/**
 * DOM churn as a busy app makes it, all of it outside the button's subtree: the issue header (so Stint mounts
 * its button and keeps watching), and `__churn(ms, perSecond)` mutating at an exact rate: every 10 ms it catches
 * up to ⌊elapsed × rate⌋ mutations, each one childList mutation spread across the document — a live feed and a
 * sidebar deep in the page, and toasts and banners added to and removed from <body> and the page's main
 * container, which are ancestors of the button (an observer watching the button's anchor chain sees those).
 * About half the mutations add elements for an observer to look at.
 */
export const CHURN_PAGE = SHELL(
  'Issue · churn bench',
  '<section aria-label="Activity" id="feed"></section><aside aria-label="Sidebar" id="side"></aside>',
  `
renderIssue(document.getElementById('root'), issueNumber() || 1);
window.__churn = (ms, rate) => new Promise((resolve) => {
  // Where each mutation lands, in turn: feed, sidebar, <body> (toasts), #main (banners), feed, sidebar, … .
  const places = [
    { parent: document.getElementById('feed'), max: 200, make: 'row' },
    { parent: document.getElementById('side'), max: 50, make: 'row' },
    { parent: document.body, max: 5, make: 'toast' },
    { parent: document.getElementById('main'), max: 5, make: 'banner' },
  ];
  const total = Math.floor((ms * rate) / 1000);
  const start = performance.now();
  let done = 0;
  let seq = 0;
  const mine = new Map(places.map((p) => [p, []]));
  const tick = () => {
    const elapsed = performance.now() - start;
    const target = Math.min(total, Math.floor((elapsed * rate) / 1000));
    while (done < target) {
      const place = places[done % places.length];
      const list = mine.get(place);
      if (list.length >= place.max) list.shift().remove();
      else {
        const row = document.createElement('div');
        row.className = place.make;
        const who = document.createElement('b');
        who.textContent = 'octocat';
        const what = document.createElement('span');
        what.textContent = 'commented on #' + (seq++ % 97);
        const when = document.createElement('time');
        when.textContent = 'now';
        row.append(who, what, when);
        place.parent.append(row);
        list.push(row);
      }
      done++;
    }
    if (done >= total) {
      clearInterval(timer);
      resolve({ mutations: done, ms: performance.now() - start });
    }
  };
  const timer = setInterval(tick, 10);
});
`,
);

/**
 * The baseline content script: the documented approach of the Toggl button (togglbutton.render / renderTo in
 * toggl/track-extension): each render(selector, renderer) call creates its own MutationObserver on the whole
 * document (childList + subtree) and, on every mutation batch, runs document.querySelectorAll(selector) over the
 * document, marks new matches with class "toggl" and renders a link after them. Five render calls, with selectors
 * of the kind its GitHub integration uses. Written for the bench; runs in an isolated world like a content script.
 */
export const BASELINE_SCRIPT = `(() => {
  const renderTo = (selector, renderer) => {
    const elems = document.querySelectorAll(selector);
    for (const el of elems) el.classList.add('toggl');
    for (const el of elems) renderer(el);
  };
  const render = (selector, renderer) => {
    new MutationObserver(() => renderTo(selector, renderer)).observe(document, { childList: true, subtree: true });
    renderTo(selector, renderer);
  };
  const link = (el) => {
    const a = document.createElement('a');
    a.className = 'toggl-button github';
    a.href = '#';
    a.textContent = 'Start timer';
    el.after(a);
  };
  const start = () => {
    render('[data-testid="issue-title"]:not(.toggl)', link);
    render('[data-testid="pr-title"]:not(.toggl)', link);
    render('.gh-header-title .js-issue-title:not(.toggl)', link);
    render('#partial-discussion-sidebar:not(.toggl)', link);
    render('.js-project-card-details .js-card-details-title:not(.toggl)', link);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();`;
