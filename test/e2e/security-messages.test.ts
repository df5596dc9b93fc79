import { beforeAll, describe, expect, it } from 'vitest';
import { buttons } from '../support/actions';
import {
  contentScriptWorld,
  entries,
  HOSTILE_URL,
  hostilePage,
  linkDemoHarvest,
  modalFrameEl,
  openModalFor,
  stableState,
  timer,
  useSecurityRig,
} from '../support/security';

/**
 * Message fuzz from the real content-script world (the isolated world, reached through CDP), the modal frame and
 * modal.html in a tab, production build in real Chromium with Harvest linked: every malformed or out-of-bounds
 * intent is refused with a reason and changes nothing, and nothing reaches the background's prototypes.
 */

const rig = useSecurityRig();

/** What content-script contexts try: refused intents of every kind. `{{…}}` placeholders are filled in. */
function fuzzCases(ids: { entryId: string; accountId: string; remoteAccountId: string; token: string }): [string, string][] {
  const task = { integration: 'github', id: 'o/r#1', title: 't', url: 'https://github.com/o/r/issues/1' };
  const today = new Date().toLocaleDateString('en-CA');
  const cases: [string, unknown][] = [
    ['unknown type', { type: 'tokens.get' }],
    ['no type', {}],
    ['null', null],
    ['number', 42],
    ['bare string', 'timer.start'],
    ['array', [{ type: 'timer.stop' }]],
    ['type that cannot become text', { type: { toString: 0 } }],
    ['wrong field types', { type: 'timer.start', task: 'x', notes: 1 }],
    ['javascript: task link', { type: 'timer.start', task: { ...task, url: 'javascript:alert(1)' }, notes: '', booking: null }],
    ['data: task link', { type: 'timer.start', task: { ...task, url: 'data:text/html,<script>1</script>' }, notes: '', booking: null }],
    ['file: task link', { type: 'timer.start', task: { ...task, url: 'file:///etc/passwd' }, notes: '', booking: null }],
    ['task without id', { type: 'timer.start', task: { ...task, id: '' }, notes: '', booking: null }],
    ['unreadable time', { type: 'entry.save', task: null, notes: '', time: 'soon', day: today, booking: null }],
    ['25 hours', { type: 'entry.save', task: null, notes: '', time: '25h', day: today, booking: null }],
    ['day not a date', { type: 'entry.save', task: null, notes: '', time: '1:00', day: '01/02/2026', booking: null }],
    ['unknown account', { type: 'timer.start', task: null, notes: '', booking: { accountId: 'harvest:999', projectId: '1', taskId: '1' } }],
    [
      'project not assigned',
      { type: 'timer.start', task: null, notes: '', booking: { accountId: ids.accountId, projectId: '999999', taskId: '1' } },
    ],
    ['stop with nothing running', { type: 'timer.stop' }],
    ['stop another task', { type: 'timer.stop', taskKey: 'github:o/r#1' }],
    ['update with nothing running', { type: 'timer.update', notes: 'x' }],
    // Page-only and account intents: valid for the popup and options page, never for a web page.
    ['delete an entry', { type: 'entry.delete', id: ids.entryId }],
    ['rewrite an entry', { type: 'entry.update', id: ids.entryId, notes: 'pwned' }],
    ['continue an entry', { type: 'entry.continue', id: ids.entryId }],
    ['probe a token', { type: 'harvest.accounts', token: ids.token }],
    ['link an account', { type: 'account.link', provider: 'harvest', token: ids.token, remoteAccountId: ids.remoteAccountId }],
    ['unlink the account', { type: 'account.unlink', id: ids.accountId }],
    ['change the default account', { type: 'account.default', id: 'local' }],
    ['refresh projects', { type: 'account.refresh', id: ids.accountId }],
    ['sync now', { type: 'sync.now' }],
    ['OAuth sign-in', { type: 'account.signin', provider: 'harvest' }],
  ];
  const json: [string, string][] = cases.map(([label, value]) => [label, JSON.stringify(value)]);
  // Own `__proto__` / `constructor` keys, as JSON.parse makes them (an object literal would set the prototype).
  json.push(['own __proto__ carrying the missing fields', '{"__proto__":{"task":null,"notes":"","booking":null},"type":"timer.start"}']);
  json.push([
    'constructor.prototype pollution',
    '{"type":"timer.stop","constructor":{"prototype":{"polluted":true}},"taskKey":{"__proto__":1}}',
  ]);
  json.push(['__proto__ type', '{"type":"__proto__","__proto__":{"type":"timer.start"}}']);
  return json;
}

type FuzzResult = { label: string; reply?: { ok: boolean; error?: unknown } | null; threw?: string };

/** Runs in a content-script context (self-contained): sends every case, plus ones too big to pass in as text. */
async function sendFuzz(cases: [string, string][]): Promise<FuzzResult[]> {
  const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
  const task = { integration: 'github', id: 'o/r#1', title: 't', url: 'https://github.com/o/r/issues/1' };
  const messages: [string, unknown][] = cases.map(([label, text]) => [label, JSON.parse(text)]);
  messages.push(['1 MB type', { type: 'x'.repeat(1_000_000) }]);
  messages.push(['2 MB title', { type: 'timer.start', task: { ...task, title: 't'.repeat(2_000_000) }, notes: '', booking: null }]);
  messages.push(['notes over the limit', { type: 'timer.start', task: null, notes: 'n'.repeat(5001), booking: null }]);
  messages.push(['100 000 keys', Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]))]);
  messages.push(['deep nesting', JSON.parse(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`)]);
  messages.push(['function field', { type: 'timer.start', task: null, notes: () => 1, booking: null }]);
  const out: FuzzResult[] = [];
  for (const [label, message] of messages) {
    try {
      const reply = (await runtime.sendMessage(message)) as FuzzResult['reply'];
      out.push({ label, reply: reply ?? null });
    } catch (err) {
      out.push({ label, threw: String(err) });
    }
  }
  return out;
}

function expectAllRefused(results: FuzzResult[], where: string) {
  expect(results.length).toBeGreaterThan(30);
  for (const r of results) {
    const what = `${where}: ${r.label} → ${JSON.stringify(r).slice(0, 300)}`;
    // Only messages Chrome itself cannot send (nesting too deep to serialize) may fail before reaching Stint.
    if (r.threw !== undefined) {
      expect(r.label, what).toBe('deep nesting');
      continue;
    }
    expect(r.reply?.ok, what).toBe(false);
    expect(typeof r.reply?.error, what).toBe('string');
    expect(String(r.reply?.error).length, what).toBeGreaterThan(0);
    // A refusal names the problem; it does not echo megabytes back.
    expect(String(r.reply?.error).length, what).toBeLessThan(500);
  }
}

describe('message fuzz from content-script contexts, with Harvest linked', () => {
  let ids: Parameters<typeof fuzzCases>[0];

  beforeAll(async () => {
    await linkDemoHarvest(rig);
    const options = await rig.stint.context.newPage();
    await options.goto(`chrome-extension://${rig.stint.extensionId}/options.html`);
    // An entry for the page-only intents to aim at, saved the legitimate way (an extension page).
    const saved = await options.evaluate(
      (day) =>
        (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.sendMessage({
          type: 'entry.save',
          task: null,
          notes: 'target of the fuzz',
          time: '0:15',
          day,
          booking: null,
        }),
      new Date().toLocaleDateString('en-CA'),
    );
    expect(saved).toEqual({ ok: true });
    await options.close();
    const entryId = (await entries(rig.stint)).find((e) => e.notes === 'target of the fuzz')?.id;
    if (!entryId) throw new Error('the target entry was not saved');
    ids = { entryId, accountId: `harvest:${rig.demo.accountId}`, remoteAccountId: String(rig.demo.accountId), token: rig.demo.token };
  });

  async function fuzzFrom(where: string, run: (cases: [string, string][]) => Promise<FuzzResult[]>) {
    const before = await stableState(rig.stint);
    const results = await run(fuzzCases(ids));
    expectAllRefused(results, where);
    await new Promise((r) => setTimeout(r, 300));
    expect(await stableState(rig.stint)).toEqual(before);
    // Nothing reached the background's prototypes.
    const worker = await rig.stint.worker();
    expect(
      await worker.evaluate(() => ({
        keys: Object.keys(Object.prototype),
        polluted: ({} as Record<string, unknown>).polluted ?? null,
        task: ({} as Record<string, unknown>).task ?? null,
      })),
    ).toEqual({ keys: [], polluted: null, task: null });
    return results;
  }

  it('the content script world on a task page', async () => {
    const page = await hostilePage(rig.stint);
    const world = await contentScriptWorld(rig.stint, page);
    const results = await fuzzFrom('content script', (cases) => world.evaluate(sendFuzz, cases));
    expect(results.find((r) => r.label === 'unlink the account')?.reply?.error).toBe(
      'Rejected: "account.unlink" is not allowed from a web page.',
    );
    await world.detach();
    await page.close();
  });

  it('the in-page modal frame (an extension page with a content script’s rights)', async () => {
    const page = await rig.stint.context.newPage();
    await page.goto(HOSTILE_URL);
    const frame = await openModalFor(page, buttons(page));
    await fuzzFrom('modal frame', (cases) => frame.evaluate(sendFuzz, cases));
    await page.close();
  });

  it('modal.html opened in a tab of its own: no opening to claim, so nothing renders and everything is refused', async () => {
    const page = await rig.stint.context.newPage();
    await page.goto(`chrome-extension://${rig.stint.extensionId}/modal.html`);
    await fuzzFrom('modal.html tab', (cases) => page.evaluate(sendFuzz, cases));
    expect(await page.getByRole('button', { name: 'Start timer' }).count()).toBe(0);
    await page.close();
  });

  it('the modal framed from another site (its URL read by the task page) starts nothing, even with a forged nonce', async () => {
    const before = await timer(rig.stint);
    const page = await rig.stint.context.newPage();
    await page.goto(HOSTILE_URL);
    await openModalFor(page, buttons(page));
    const src = await modalFrameEl(page).getAttribute('src');
    expect(src).not.toContain('#'); // no task, no state in the address
    rig.server.page('https://collector.example.net/clickjack', '<!doctype html><title>Win a prize</title><body></body>');
    const evil = await rig.stint.context.newPage();
    await evil.goto('https://collector.example.net/clickjack');
    await evil.evaluate((url) => {
      const f = document.createElement('iframe');
      f.src = url as string;
      f.style.opacity = '0.01';
      document.body.append(f);
      f.addEventListener('load', () => f.contentWindow?.postMessage({ stint: 'nonce', nonce: crypto.randomUUID() }, '*'));
    }, src);
    await expect.poll(() => evil.frames().find((f) => f.url().includes('/modal.html')) ?? null).not.toBeNull();
    const framed = evil.frames().find((f) => f.url().includes('/modal.html'));
    const task = { integration: 'github', id: 'evil/forged#1', title: 'Forged', url: 'https://github.com/evil/forged/issues/1' };
    const reply = await framed?.evaluate(
      (t) => (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.sendMessage({ type: 'timer.start', task: t, notes: 'x' }),
      task,
    );
    expect(reply).toMatchObject({ ok: false, error: 'Rejected: this timer was not opened by Stint on this page.' });
    expect(await framed?.getByRole('button', { name: 'Start timer' }).count()).toBe(0);
    expect(await timer(rig.stint)).toEqual(before);
    await Promise.all([evil.close(), page.close()]);
  });
});
