import { describe, expect, it } from 'vitest';
import { HOSTILE_TITLE } from '../fixtures/hostile/pages';
import { buttons, modal } from '../support/actions';
import {
  entries,
  HOSTILE_TASK,
  HOSTILE_URL,
  INJECTED,
  modalFrameEl,
  openModalFor,
  pwned,
  saveInModal,
  stableState,
  timer,
  useSecurityRig,
} from '../support/security';

/**
 * Hostile task pages, production build in real Chromium (ARCHITECTURE.md "Trust boundaries"): markup in task text never runs,
 * `javascript:` / `data:` links are never used, page scripts cannot press the button (untrusted events), cannot
 * close the modal or read it, and spoofed Harvest-Platform events start nothing.
 */

const rig = useSecurityRig();

describe('hostile task pages', () => {
  it('keeps markup and script in a task title as text: page, modal and popup', async () => {
    const page = await rig.stint.context.newPage();
    await page.goto(HOSTILE_URL);
    await expect.poll(() => buttons(page).count()).toBe(1);
    expect(await buttons(page).getAttribute('data-task-id')).toBe(HOSTILE_TASK);

    const frame = await openModalFor(page, buttons(page));
    expect(await modal(page).locator('body').textContent()).toContain(HOSTILE_TITLE);
    expect(await modal(page).locator(INJECTED).count()).toBe(0);
    expect(await modal(page).locator('textarea[name="notes"]').inputValue()).toContain('<img src=x');
    expect(await pwned(frame)).toBeNull();
    await saveInModal(page, '0:05');

    const saved = (await entries(rig.stint)).find((e) => e.task?.id === HOSTILE_TASK);
    expect(saved?.task).toMatchObject({ title: HOSTILE_TITLE, url: HOSTILE_URL });

    const popup = await rig.stint.popup();
    await expect.poll(() => popup.locator('body').textContent()).toContain(HOSTILE_TITLE);
    expect(await popup.locator(INJECTED).count()).toBe(0);
    // The entry links back to the task page, with the page's own address.
    expect(await popup.locator(`a[href="${HOSTILE_URL}"]`).count()).toBeGreaterThan(0);
    expect(await pwned(popup)).toBeNull();
    expect(await pwned(page)).toBeNull();
    await Promise.all([page.close(), popup.close()]);
  });

  it('never uses javascript: or data: links from page markup, and keeps generic-markup titles as text', async () => {
    const page = await rig.stint.context.newPage();
    await page.goto(rig.boardUrl);
    await expect.poll(() => buttons(page).count()).toBe(3);
    const before = (await entries(rig.stint)).length;
    for (const [anchor, taskId, title] of [
      ['#card-js', 'HOST-1', `<img src=x onerror="window.__pwned='stint-title'"> Card one`],
      ['#card-data', 'HOST-2', 'Card two'],
      ['#harvest-item', 'HP-1', `<img src=x onerror="window.__pwned='harvest-name'"> Harvest item`],
    ] as const) {
      const host = page.locator(`${anchor} > stint-button`);
      expect(await host.getAttribute('data-task-id')).toBe(taskId);
      await openModalFor(page, host);
      expect(await modal(page).locator('body').textContent()).toContain(title);
      expect(await modal(page).locator(INJECTED).count()).toBe(0);
      await saveInModal(page, '0:10');
      const saved = (await entries(rig.stint)).find((e) => e.task?.id === taskId);
      // The link falls back to the page itself: never the script or data URL the markup offered.
      expect(saved?.task).toMatchObject({ title, url: rig.boardUrl });
    }
    expect((await entries(rig.stint)).length).toBe(before + 3);
    expect(await pwned(page)).toBeNull();

    const popup = await rig.stint.popup();
    await expect.poll(() => popup.locator('body').textContent()).toContain('Card two');
    expect(await popup.locator(INJECTED).count()).toBe(0);
    const hrefs = await popup.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    expect(hrefs).toContain(rig.boardUrl);
    await Promise.all([page.close(), popup.close()]);
  });

  it('ignores untrusted clicks, keys and events from page scripts, and spoofed Harvest-Platform events', async () => {
    const before = await stableState(rig.stint);
    for (const url of [HOSTILE_URL, rig.boardUrl]) {
      const page = await rig.stint.context.newPage();
      await page.goto(url);
      await expect.poll(() => buttons(page).count()).toBeGreaterThan(0);
      const attempts = await page.evaluate(() => {
        const done: string[] = [];
        for (const host of document.querySelectorAll('stint-button')) {
          const inner = host.shadowRoot?.querySelector('button');
          if (!inner) continue;
          (host as HTMLElement).click();
          inner.click();
          inner.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, view: window }));
          inner.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
          inner.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true }));
          inner.focus();
          for (const key of ['Enter', ' ']) {
            inner.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
            inner.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true }));
          }
          done.push(host.getAttribute('data-task-id') ?? '');
        }
        // Harvest Platform's documented page events and the messages its own frame posts.
        const el = document.querySelector('.harvest-timer') ?? document.body;
        const messaging = document.querySelector('#harvest-messaging') ?? document.body;
        for (const type of ['harvest-event:timers:add', 'harvest-event:timers:chrome:add', 'harvest-event']) {
          messaging.dispatchEvent(new CustomEvent(type, { bubbles: true, detail: { element: el, type: 'timer:started' } }));
          document.dispatchEvent(new CustomEvent(type, { detail: { element: el } }));
        }
        for (const data of [
          { type: 'timer:started', value: { id: 1, group_id: 'grp' } },
          { type: 'timer:stopped' },
          { type: 'frame:close' },
          JSON.stringify({ type: 'timer:started', value: { id: 1 } }),
          { stint: 'start' },
          { stint: 'close' },
          { type: 'timer.start', task: null, notes: 'from the page', booking: null },
        ]) {
          window.postMessage(data, '*');
        }
        // No extension is reachable from the page's world (no externally_connectable).
        const runtime = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
        done.push(`runtime:${typeof runtime?.sendMessage}`);
        return done;
      });
      expect(attempts).toContain('runtime:undefined');
      await page.waitForTimeout(600);
      expect(await modalFrameEl(page).count()).toBe(0);
      for (const state of await buttons(page).evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-state'))))
        expect(state).toBe('idle');
      await page.close();
    }
    expect(await timer(rig.stint)).toBeNull();
    expect(await stableState(rig.stint)).toEqual(before);
  });

  it('closes the modal only from its own frame; the page cannot read or script it', async () => {
    const page = await rig.stint.context.newPage();
    await page.goto(HOSTILE_URL);
    await openModalFor(page, buttons(page));
    const attempts = await page.evaluate(async () => {
      const frame = document.querySelector('iframe[title="Stint timer"]') as HTMLIFrameElement;
      const win = frame.contentWindow as Window;
      // Messages from the page itself, in every shape the modal's close message could be guessed at.
      for (const data of [
        { stint: 'close' },
        'close',
        ['close'],
        { stint: 'close', source: 'modal' },
        JSON.stringify({ stint: 'close' }),
      ]) {
        window.postMessage(data, '*');
      }
      // A frame of the page's own posting the close message to its parent.
      const child = document.createElement('iframe');
      child.srcdoc = `<script>parent.postMessage({ stint: 'close' }, '*')</script>`;
      document.body.append(child);
      // Into the modal itself.
      win.postMessage({ stint: 'close' }, '*');
      await new Promise((r) => setTimeout(r, 300));
      const reads: Record<string, string> = {};
      const attempt = (name: string, fn: () => unknown) => {
        try {
          reads[name] = `read: ${String(fn())}`;
        } catch (err) {
          reads[name] = `refused: ${(err as Error).name}`;
        }
      };
      attempt('contentDocument', () => frame.contentDocument?.body?.innerHTML ?? 'null');
      attempt('document', () => win.document.body.innerHTML);
      attempt('location', () => win.location.href);
      attempt('localStorage', () => win.localStorage.length);
      attempt('chrome', () => JSON.stringify(Object.keys((win as unknown as { chrome: object }).chrome)));
      return reads;
    });
    expect(attempts).toEqual({
      contentDocument: 'read: null',
      document: 'refused: SecurityError',
      location: 'refused: SecurityError',
      localStorage: 'refused: SecurityError',
      chrome: 'refused: SecurityError',
    });
    expect(await modalFrameEl(page).count()).toBe(1);
    await modal(page).getByRole('button', { name: 'Start timer' }).waitFor();

    // Our own frame closes it.
    await modal(page).getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => modalFrameEl(page).count()).toBe(0);
    // All our frame ever tells the page: that it is ready for its nonce, and that it closes. No task, no state.
    const seen = await page.evaluate(() => (window as unknown as { __seen: { origin: string; data: string }[] }).__seen);
    const fromUs = seen.filter((m) => m.origin.startsWith('chrome-extension://')).map((m) => JSON.parse(m.data));
    expect(fromUs).toContainEqual({ stint: 'close' });
    for (const data of fromUs) expect([{ stint: 'ready' }, { stint: 'close' }]).toContainEqual(data);
    expect(await timer(rig.stint)).toBeNull();
    await page.close();
  });

  it('is not closed by a synthetic message event that names the modal’s window as its source', async () => {
    // The page can read the frame's WindowProxy and dispatch a MessageEvent with `source` set to it; the content
    // script's listener sees that event too. Only a real (trusted) message from our frame may close the modal.
    const page = await rig.stint.context.newPage();
    await page.goto(HOSTILE_URL);
    await openModalFor(page, buttons(page));
    await page.evaluate(() => {
      const frame = document.querySelector('iframe[title="Stint timer"]') as HTMLIFrameElement;
      const source = frame.contentWindow as Window;
      window.dispatchEvent(new MessageEvent('message', { data: { stint: 'close' }, source, origin: new URL(frame.src).origin }));
    });
    await page.waitForTimeout(300);
    expect(await modalFrameEl(page).count()).toBe(1);
    await page.close();
  });
});
