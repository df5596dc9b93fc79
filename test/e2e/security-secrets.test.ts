import { beforeAll, describe, expect, it } from 'vitest';
import { buttons } from '../support/actions';
import { sendFrom } from '../support/options';
import {
  contentScriptWorld,
  dumpLocal,
  hostilePage,
  linkDemoHarvest,
  modalFrameEl,
  openModalFor,
  useSecurityRig,
} from '../support/security';
import { readState } from '../support/state';

/**
 * Secrets, production build in real Chromium (ARCHITECTURE.md "Trust boundaries"): a linked token is nowhere a content script,
 * the page or the modal frame can read, it only ever goes to Harvest, and unlinking wipes it.
 */

const rig = useSecurityRig();

describe('secrets', () => {
  beforeAll(() => linkDemoHarvest(rig));
  const token = () => rig.demo.token;

  /** What a context can see of Stint's storage (self-contained: runs in any world). */
  async function probe(secret: string) {
    const c = (globalThis as unknown as { chrome?: typeof browser }).chrome;
    const local = c?.storage?.local ? JSON.stringify(await c.storage.local.get(null)) : '';
    let session: string;
    try {
      session = `read: ${JSON.stringify(await (c as typeof browser).storage.session.get(null))}`;
    } catch (err) {
      session = `refused: ${String(err)}`;
    }
    let databases: string[];
    try {
      databases = (await indexedDB.databases()).map((d) => d.name ?? '');
    } catch (err) {
      databases = [`refused: ${String(err)}`];
    }
    return { localHasToken: local.includes(secret), localLength: local.length, session, databases };
  }

  /** Tries to read Stint's secrets database from an extension-origin context (self-contained). */
  async function readSecretsDb(): Promise<string> {
    try {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('stint-secrets');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      if (!db.objectStoreNames.contains('secrets')) return 'read: no secrets store';
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction('secrets').objectStore('secrets').getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      return `read: ${JSON.stringify(all)}`;
    } catch (err) {
      return `refused: ${String(err)}`;
    }
  }

  it('a linked token is not in storage.local, and no content-script context can reach it', async () => {
    // Linked in beforeAll: the account is in the data layer, and neither it nor its token in storage.local.
    expect(JSON.stringify(await readState(await rig.stint.worker(), ['accounts']))).toContain(`harvest:${rig.demo.accountId}`);
    const local = JSON.stringify(await dumpLocal(rig.stint));
    expect(local).not.toContain(`harvest:${rig.demo.accountId}`);
    expect(local).not.toContain(token());

    const page = await hostilePage(rig.stint);

    // (a) The content script's own world: storage.local without the token, storage.session refused,
    // IndexedDB of the page's origin (where a content script's indexedDB points) without Stint's secrets.
    const world = await contentScriptWorld(rig.stint, page);
    const cs = await world.evaluate(probe, token());
    expect(cs.localLength).toBeGreaterThan(2);
    expect(cs.localHasToken).toBe(false);
    expect(cs.session).toMatch(/^refused: .*not allowed/i);
    expect(cs.databases).not.toContain('stint-secrets');
    await world.detach();

    // (b) The page's own world.
    const pageSide = await page.evaluate(
      async (secret) => ({
        databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
        storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
        html: document.documentElement.outerHTML.includes(secret),
      }),
      token(),
    );
    expect(pageSide.databases).not.toContain('stint-secrets');
    expect(pageSide.storage).not.toContain(token());
    expect(pageSide.html).toBe(false);

    // (c) The modal frame: its URL (which the page can read) and what it can read of storage.local.
    const frame = await openModalFor(page, buttons(page));
    expect(await modalFrameEl(page).getAttribute('src')).not.toContain(token());
    const inModal = await frame.evaluate(probe, token());
    expect(inModal.localHasToken).toBe(false);
    // storage.session (request budgets, modal openings, OAuth access tokens) holds no personal token.
    expect(inModal.session).not.toContain(token());
    // The frame is our own page, but embedded in the task page Chrome gives it no access to Stint's IndexedDB.
    expect(await frame.evaluate(readSecretsDb)).not.toContain(token());
    await page.close();

    // (d) The token only ever went to Harvest: no request to any other host carried it in its URL.
    const elsewhere = rig.server.log.filter((r) => r.host !== 'api.harvestapp.com' && r.host !== 'id.getharvest.com');
    expect(elsewhere.filter((r) => r.path.includes(token()))).toEqual([]);
    expect(rig.emu.log.filter({}).every((r) => r.token === null || r.token === token())).toBe(true);
  });

  it('unlinking wipes the stored secret', async () => {
    const worker = await rig.stint.worker();
    const secretCount = () =>
      worker.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const req = indexedDB.open('stint-secrets');
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              const db = req.result;
              if (!db.objectStoreNames.contains('secrets')) return resolve(0);
              const count = db.transaction('secrets').objectStore('secrets').count();
              count.onsuccess = () => {
                resolve(count.result);
                db.close();
              };
            };
          }),
      );
    expect(await secretCount()).toBe(1);
    const options = await rig.stint.context.newPage();
    await options.goto(`chrome-extension://${rig.stint.extensionId}/options.html`);
    const reply = await sendFrom(options, { type: 'account.unlink', id: `harvest:${rig.demo.accountId}` });
    expect(reply).toEqual({ ok: true });
    expect(await secretCount()).toBe(0);
    const session = await worker.evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.storage.session.get(null));
    expect(JSON.stringify(session)).not.toContain(rig.demo.token);
    const after = (await dumpLocal(rig.stint)) as {
      accounts?: { id: string }[];
      assignments?: Record<string, unknown>;
      outbox?: Record<string, { accountId: string }>;
    };
    const id = `harvest:${rig.demo.accountId}`;
    expect((after.accounts ?? []).map((a) => a.id)).not.toContain(id);
    expect(Object.keys(after.assignments ?? {})).not.toContain(id);
    expect(Object.values(after.outbox ?? {}).filter((r) => r.accountId === id)).toEqual([]);
    expect(JSON.stringify(after)).not.toContain(rig.demo.token);
    await options.close();
  });
});
