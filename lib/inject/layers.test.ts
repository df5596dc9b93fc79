import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Integration } from '../integrations/types';
import { DOCK_DELAY_MS, DOCK_TAG, HOST_TAG, type Mount, startInjector } from './injector';
import { buttons, createHost, flush } from './injector.fixture';

/** A site whose task id is in the URL and whose selectors the page may no longer carry (a new layout). */
const site: Integration = {
  id: 'site',
  name: 'Site',
  matches: ['https://site.test/*'],
  exampleUrls: [],
  task: (url, doc, anchor) => {
    const m = /^\/task\/(\d+)$/.exec(url.pathname);
    const title = (anchor ?? doc.querySelector('[data-testid="title"]'))?.textContent ?? '';
    return m?.[1] ? { id: m[1], title, url: url.href } : null;
  },
  anchor: ['[data-testid="title"]'],
  placement: 'after',
};

let href = 'https://site.test/task/1';
let controller: AbortController;
const layers = () => buttons().map((b) => `${b.dataset.taskId}@${b.dataset.layer}`);

function start(opts: { noDock?: string[] } = {}) {
  controller = new AbortController();
  const placed: string[] = [];
  const injector = startInjector({
    integrations: [site],
    signal: controller.signal,
    href: () => href,
    noDock: opts.noDock,
    create: createHost,
    update(host, task) {
      host.dataset.taskId = task.id;
    },
    dock(_integration, host) {
      const dock = document.createElement(DOCK_TAG);
      dock.append(host);
      return dock;
    },
    placed: (m: Mount) => placed.push(`${m.task.id}@${m.layer}`),
  });
  return { injector, placed };
}

beforeEach(() => {
  href = 'https://site.test/task/1';
  document.title = '';
  document.body.innerHTML = '';
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

describe('layers of a task page', () => {
  it('without its selectors, puts the button at the element showing the title the page gives the task', () => {
    document.title = 'Fix login - Site';
    document.body.innerHTML = '<main><p>Fix</p><div class="r4nd"><span id="t">Fix login</span></div></main>';
    const { injector, placed } = start();
    expect(layers()).toEqual(['1@semantic']);
    expect(buttons()[0]?.previousElementSibling?.id).toBe('t');
    expect(placed).toEqual(['1@semantic']);
    expect(injector.taskOf(buttons()[0] as HTMLElement)?.title).toBe('Fix login');
  });

  it('moves the same button up to a selector anchor when one appears', async () => {
    document.body.innerHTML = '<main><h1>Fix login</h1></main>';
    const { placed } = start();
    const host = buttons()[0];
    expect(layers()).toEqual(['1@semantic']);
    document.body.insertAdjacentHTML('beforeend', '<h2 data-testid="title">Fix login</h2>');
    await flush();
    expect(buttons()).toEqual([host]);
    expect(layers()).toEqual(['1@selector']);
    expect(host?.previousElementSibling?.getAttribute('data-testid')).toBe('title');
    expect(placed).toEqual(['1@semantic', '1@selector']);
  });

  it('docks the button when the page names its task but shows it nowhere; moves it when the title renders', async () => {
    vi.useFakeTimers();
    document.title = 'Fix login - Site';
    start();
    expect(buttons()).toHaveLength(0);
    vi.advanceTimersByTime(DOCK_DELAY_MS);
    expect(layers()).toEqual(['1@dock']);
    expect(document.querySelector(`${DOCK_TAG} > ${HOST_TAG}`)).not.toBeNull();
    document.body.innerHTML = '<section><h3>Fix login</h3></section>';
    await vi.advanceTimersByTimeAsync(0);
    expect(layers()).toEqual(['1@semantic']);
    expect(document.querySelector(DOCK_TAG)).toBeNull();
  });

  it('shows no dock on a page that names no task yet (an app shell while the view loads)', async () => {
    vi.useFakeTimers();
    document.title = 'Site';
    document.body.innerHTML = '<div aria-busy="true"><span class="skeleton"></span></div>';
    start();
    vi.advanceTimersByTime(DOCK_DELAY_MS * 3);
    expect(buttons()).toHaveLength(0);
    // …until it does.
    document.title = 'Fix login - Site';
    await vi.advanceTimersByTimeAsync(DOCK_DELAY_MS);
    expect(layers()).toEqual(['1@dock']);
  });

  it('keeps no dock on a site whose dock the user hid, on this page or the next', () => {
    vi.useFakeTimers();
    document.title = 'Fix login - Site';
    const { injector } = start();
    vi.advanceTimersByTime(DOCK_DELAY_MS);
    expect(layers()).toEqual(['1@dock']);
    injector.hideDock('site');
    expect(buttons()).toHaveLength(0);
    expect(document.querySelector(DOCK_TAG)).toBeNull();
    controller.abort();
    start({ noDock: ['site'] });
    vi.advanceTimersByTime(DOCK_DELAY_MS);
    expect(buttons()).toHaveLength(0);
  });

  it('puts back a dock the host app removed', async () => {
    vi.useFakeTimers();
    document.title = 'Fix login - Site';
    start();
    vi.advanceTimersByTime(DOCK_DELAY_MS);
    document.querySelector(DOCK_TAG)?.remove();
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(0);
    expect(layers()).toEqual(['1@dock']);
  });

  it('in-page navigation off a semantic anchor: the old button goes, the new task gets its own', async () => {
    document.body.innerHTML = '<main><h1>First</h1></main>';
    start();
    const old = buttons()[0];
    href = 'https://site.test/task/2';
    document.body.innerHTML = '<main><h1>Second</h1></main>';
    await flush();
    expect(layers()).toEqual(['2@semantic']);
    expect(buttons()[0]).not.toBe(old);
    expect(old?.isConnected).toBe(false);
    expect(buttons()[0]?.parentElement?.textContent).toBe('Second');
  });

  it('reads a docked task’s title from the page’s title, never from the whole page', () => {
    vi.useFakeTimers();
    document.title = 'Fix login - Site';
    document.body.innerHTML = '<p>lots of page text</p>';
    const { injector } = start();
    vi.advanceTimersByTime(DOCK_DELAY_MS);
    expect(injector.taskOf(buttons()[0] as HTMLElement)).toMatchObject({ id: '1', title: 'Fix login' });
  });

  it('places nothing on a page that is not a task', () => {
    href = 'https://site.test/settings';
    document.title = 'Settings - Site';
    document.body.innerHTML = '<main><h1>Settings</h1></main>';
    start();
    expect(buttons()).toHaveLength(0);
  });
});
