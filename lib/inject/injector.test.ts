import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Integration } from '../integrations/types';
import { MAX_BUTTONS, startInjector } from './injector';
import { buttons, createHost, flush } from './injector.fixture';

const single: Integration = {
  id: 'site',
  name: 'Site',
  matches: ['https://site.test/*'],
  exampleUrls: [],
  task: (url, doc) => {
    const m = /^\/task\/(\d+)$/.exec(url.pathname);
    return m?.[1] ? { id: m[1], title: doc.querySelector('h1')?.textContent ?? '', url: url.href } : null;
  },
  anchor: ['h1[data-testid="title"]', 'h1.legacy'],
  placement: 'after',
};

const multi: Integration = {
  id: 'cards',
  name: 'Cards',
  matches: ['https://site.test/*'],
  exampleUrls: [],
  multiple: true,
  task: (url, _doc, anchor) => {
    const id = anchor?.getAttribute('data-card');
    return id ? { id, title: '', url: url.href } : null;
  },
  anchor: ['[data-card]'],
  placement: 'append',
};

/** `single`, counting how often the injector reads a task from the page. */
function countingReads() {
  let n = 0;
  const counted: Integration = {
    ...single,
    task: (url, doc) => {
      n++;
      return single.task(url, doc);
    },
  };
  return { counted, reads: () => n };
}

let href = 'https://site.test/task/1';
let controller: AbortController;

function start(integrations: Integration[]) {
  controller = new AbortController();
  const updates: string[] = [];
  const injector = startInjector({
    integrations,
    signal: controller.signal,
    href: () => href,
    create: createHost,
    update(host, task) {
      host.dataset.taskId = task.id;
      updates.push(task.id);
    },
  });
  return { injector, updates };
}

beforeEach(() => {
  href = 'https://site.test/task/1';
  document.body.innerHTML = '';
});
afterEach(() => controller.abort());

describe('injector', () => {
  it("caps the buttons of markup that marks many tasks, never the task page's own", async () => {
    document.body.innerHTML = '<h1 data-testid="title">Task</h1>';
    const rows = Array.from({ length: 5000 }, (_, n) => `<div data-card="c${n}"></div>`).join('');
    document.body.insertAdjacentHTML('beforeend', rows);
    start([multi, single]);
    const cards = () => buttons().filter((b) => b.dataset.integration === 'cards');
    expect(cards()).toHaveLength(MAX_BUTTONS);
    expect(buttons().filter((b) => b.dataset.integration === 'site')).toHaveLength(1);
    // In order: the first rows got them.
    expect(cards()[0]?.dataset.taskId).toBe('c0');
    expect(cards().at(-1)?.dataset.taskId).toBe(`c${MAX_BUTTONS - 1}`);
    // Rows added later get none while the cap is reached.
    document.body.insertAdjacentHTML('beforeend', '<div data-card="late"></div>');
    await flush();
    expect(buttons().some((b) => b.dataset.taskId === 'late')).toBe(false);
  });

  it('places one button after the first matching alternative', () => {
    document.body.innerHTML = '<h1 class="legacy">Old</h1><h1 data-testid="title">New</h1>';
    start([single]);
    expect(buttons()).toHaveLength(1);
    expect(buttons()[0]?.previousElementSibling?.getAttribute('data-testid')).toBe('title');
  });

  it('waits for the anchor to render, then places exactly one button', async () => {
    start([single]);
    expect(buttons()).toHaveLength(0);
    document.body.innerHTML = '<div><h1 data-testid="title">Late</h1></div>';
    await flush();
    document.body.append(document.createElement('p'));
    await flush();
    expect(buttons()).toHaveLength(1);
  });

  it('removes the button with its anchor and places a new one on the replacement', async () => {
    document.body.innerHTML = '<header><h1 data-testid="title">A</h1></header>';
    start([single]);
    document.body.innerHTML = '<header><h1 data-testid="title">B</h1></header>';
    await flush();
    expect(buttons()).toHaveLength(1);
    expect(buttons()[0]?.previousElementSibling?.textContent).toBe('B');
  });

  it('puts the button back when the host app wipes it but keeps the anchor', async () => {
    document.body.innerHTML = '<h1 data-testid="title">A</h1>';
    start([single]);
    buttons()[0]?.remove();
    document.body.append(document.createElement('p'));
    await flush();
    expect(buttons()).toHaveLength(1);
  });

  it('follows in-page navigation: same element, new task; no task → no button', async () => {
    document.body.innerHTML = '<h1 data-testid="title">A</h1>';
    const { injector, updates } = start([single]);
    href = 'https://site.test/task/2';
    injector.locationChanged();
    expect(buttons().map((b) => b.dataset.taskId)).toEqual(['2']);
    expect(updates).toEqual(['2']);
    href = 'https://site.test/settings';
    injector.locationChanged();
    expect(buttons()).toHaveLength(0);
  });

  it('notices a URL change on the next mutation even without a navigation event', async () => {
    document.body.innerHTML = '<h1 data-testid="title">A</h1>';
    start([single]);
    href = 'https://site.test/task/3';
    document.body.append(document.createElement('p'));
    await flush();
    expect(buttons().map((b) => b.dataset.taskId)).toEqual(['3']);
  });

  it('puts one button on every card of a multi-task page, including cards added later', async () => {
    document.body.innerHTML = '<div data-card="a"></div><div data-card="b"></div>';
    start([multi]);
    const list = document.createElement('section');
    list.innerHTML = '<div data-card="c"></div>';
    document.body.append(list);
    await flush();
    expect(buttons().map((b) => b.dataset.taskId)).toEqual(['a', 'b', 'c']);
    expect(document.querySelectorAll('[data-card] > stint-button')).toHaveLength(3);
  });

  it('moves one button along with an anchor that goes from item to item (a chat’s hover actions), not one per item', async () => {
    document.body.innerHTML = '<div id="m1"><div data-card="m1"></div></div><div id="m2"></div><div id="m3"></div>';
    const { updates } = start([multi]);
    const first = buttons()[0];
    for (const next of ['m2', 'm3']) {
      document.querySelector('[data-card]')?.remove();
      document.getElementById(next)?.insertAdjacentHTML('beforeend', `<div data-card="${next}"></div>`);
      await flush();
      expect(buttons()).toEqual([first]);
      expect(first?.parentElement?.getAttribute('data-card')).toBe(next);
    }
    expect(updates).toEqual(['m2', 'm3']);
    // Gone with nothing to move to: gone.
    document.querySelector('[data-card]')?.remove();
    await flush();
    expect(buttons()).toEqual([]);
  });

  it("removes leftovers of a previous instance (not another site's script's) and everything it placed when stopped", () => {
    document.body.innerHTML =
      '<h1 data-testid="title">A</h1><stint-button data-integration="site"></stint-button><stint-button data-integration="other"></stint-button>';
    start([single]);
    expect(buttons().map((b) => b.dataset.integration)).toEqual(['site', 'other']);
    controller.abort();
    expect(buttons().map((b) => b.dataset.integration)).toEqual(['other']);
  });

  it('survives an integration that throws', () => {
    const broken: Integration = {
      ...single,
      task: () => {
        throw new Error('boom');
      },
    };
    document.body.innerHTML = '<h1 data-testid="title">A</h1>';
    expect(() => start([broken])).not.toThrow();
    expect(buttons()).toHaveLength(0);
  });

  it('looks at no added node while its one button is up, and again once the anchor is gone', async () => {
    const { counted, reads } = countingReads();
    document.body.innerHTML = '<h1 data-testid="title">A</h1>';
    start([counted]);
    expect(reads()).toBe(1);
    for (let i = 0; i < 20; i++) document.body.insertAdjacentHTML('beforeend', '<h1 data-testid="title">again</h1>');
    await flush();
    expect(reads()).toBe(1);
    expect(buttons()).toHaveLength(1);
    document.body.innerHTML = '<main><h1 data-testid="title">B</h1></main>';
    await flush();
    expect(buttons()).toHaveLength(1);
    expect(buttons()[0]?.previousElementSibling?.textContent).toBe('B');
  });

  it('ignores an invalid selector (a user override) and keeps the others working', async () => {
    const overridden: Integration = { ...single, anchor: ['h1[oops', ...single.anchor] };
    start([overridden]);
    document.body.innerHTML = '<h1 data-testid="title">A</h1>';
    await flush();
    expect(buttons()).toHaveLength(1);
  });

  it('finds the next anchor anywhere when an ancestor of the button leaves, in the same batch', async () => {
    document.body.innerHTML = '<div id="a"><section><header><h1 data-testid="title">A</h1></header></section></div><div id="b"></div>';
    start([single]);
    expect(buttons()).toHaveLength(1);
    document.querySelector('#a section')?.remove();
    document.querySelector('#b')?.insertAdjacentHTML('beforeend', '<article><h1 data-testid="title">B</h1></article>');
    await flush();
    expect(buttons()).toHaveLength(1);
    expect(buttons()[0]?.previousElementSibling?.textContent).toBe('B');
    // …and watches the new anchor's ancestors: wiping the button there puts it back.
    buttons()[0]?.remove();
    await flush();
    expect(buttons()).toHaveLength(1);
  });

  it("once placed, watches the anchor's parent and the button's box, not the page: churn in ancestors costs nothing", async () => {
    // happy-dom lays nothing out: a box and a ResizeObserver the test drives stand in for the browser's.
    const boxes: ResizeObserverCallback[] = [];
    const real = globalThis.ResizeObserver;
    globalThis.ResizeObserver = class {
      constructor(cb: ResizeObserverCallback) {
        boxes.push(cb);
      }
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
    try {
      const { counted, reads } = countingReads();
      document.body.innerHTML = '<div id="a"><section><header><h1 data-testid="title">A</h1></header></section></div><div id="b"></div>';
      controller = new AbortController();
      startInjector({
        integrations: [counted],
        signal: controller.signal,
        href: () => href,
        create(integration, task) {
          const host = createHost(integration, task);
          host.getBoundingClientRect = () => ({ width: 80, height: 24 }) as DOMRect;
          return host;
        },
        update() {},
      });
      expect(reads()).toBe(1);
      for (let i = 0; i < 20; i++) document.body.append(document.createElement('p'));
      document.querySelector('#a section')?.remove();
      document.querySelector('#b')?.insertAdjacentHTML('beforeend', '<h1 data-testid="title">B</h1>');
      await flush();
      // Nothing watched saw that: the old button is still the one (detached with its section).
      expect(reads()).toBe(1);
      expect(buttons()).toHaveLength(0);
      // The browser reports the button's box gone (0×0): the page-wide look finds the new anchor.
      for (const cb of boxes) cb([], {} as ResizeObserver);
      expect(buttons()).toHaveLength(1);
      expect(buttons()[0]?.previousElementSibling?.textContent).toBe('B');
    } finally {
      globalThis.ResizeObserver = real;
    }
  });
});
