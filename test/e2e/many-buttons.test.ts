import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BUTTONS } from '../../lib/inject/injector';
import { buttons, modal } from '../support/actions';
import type { Stint } from '../support/browser';
import { type Rig, startStint } from '../support/rig';

/**
 * A page that marks 5,000 tasks with generic markup (data-stint-task): Stint places at most MAX_BUTTONS buttons,
 * and while a timer runs only the running task's button changes each second (it used to re-render every button).
 */

const ROWS = 5000;
let rig: Rig;
let http: Server;
let stint: Stint;
let listUrl: string;

const list = () =>
  `<!doctype html><html><head><title>Backlog</title></head><body><h1>Backlog</h1><ul>${Array.from(
    { length: ROWS },
    (_, n) => `<li data-stint-task="ROW-${n}" data-stint-title="Row ${n}">Row ${n}</li>`,
  ).join('')}</ul></body></html>`;

beforeAll(async () => {
  http = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(list());
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  listUrl = `http://localhost:${(http.address() as AddressInfo).port}/backlog`;
  rig = await startStint();
  ({ stint } = rig);
});

afterAll(async () => {
  await rig?.close();
  http?.closeAllConnections();
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
});

describe('a page marking 5,000 tasks', () => {
  it(`gets at most ${MAX_BUTTONS} buttons, on the first rows; a timer started there ticks its own button only`, async () => {
    const page = await stint.context.newPage();
    await page.goto(listUrl);
    await expect.poll(() => buttons(page).count()).toBe(MAX_BUTTONS);
    // Still the cap a moment later (nothing keeps adding), and in document order.
    await page.waitForTimeout(300);
    expect(await buttons(page).count()).toBe(MAX_BUTTONS);
    expect(await page.locator('li[data-stint-task="ROW-0"] > stint-button').count()).toBe(1);
    expect(await page.locator(`li[data-stint-task="ROW-${MAX_BUTTONS}"] > stint-button`).count()).toBe(0);

    // The page answers while the buttons are there: a click opens the modal and starts a timer.
    const row = page.locator('li[data-stint-task="ROW-7"] > stint-button');
    await row.getByRole('button').click();
    await modal(page).getByRole('button', { name: 'Start timer' }).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('running');

    // Over two ticks of the running timer, only that button's label changes (the other hosts are not touched).
    const changed = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen = new Set<string>();
          const observer = new MutationObserver((records) => {
            for (const r of records) {
              const host = (r.target as Element).closest?.('li')?.getAttribute('data-stint-task');
              if (host) seen.add(host);
            }
          });
          observer.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
          setTimeout(() => {
            observer.disconnect();
            resolve([...seen]);
          }, 2200);
        }),
    );
    expect(changed.every((id) => id === 'ROW-7')).toBe(true);
    await row.getByRole('button').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('idle');
    await page.close();
  });
});
