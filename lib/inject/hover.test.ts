import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Integration } from '../integrations/types';
import { startHover } from './hover';
import { startInjector } from './injector';
import { buttons, createHost, flush } from './injector.fixture';

/** A chat as data: rows keyed by id, hover actions shown in a row only while it is pointed at or focused. */
const chat: Integration = {
  id: 'chat',
  name: 'Chat',
  matches: ['https://chat.test/*'],
  exampleUrls: [],
  multiple: true,
  taskId: (url, anchor) => {
    const row = anchor?.closest('[data-key]')?.getAttribute('data-key');
    return row ?? /\/thread\/(\w+)$/.exec(url.pathname)?.[1] ?? null;
  },
  task: (url, _doc, anchor) => {
    const id = chat.taskId?.(url, anchor);
    return id ? { id, title: `message ${id}`, url: url.href } : null;
  },
  anchor: ['.actions', '.thread-header'],
  placement: 'append',
  hover: { row: '[data-key]', anchor: ['.actions'] },
};

let href = 'https://chat.test/channel';
let controller: AbortController;

function start() {
  controller = new AbortController();
  let created = 0;
  const injector = startInjector({
    integrations: [chat],
    hover: startHover,
    signal: controller.signal,
    href: () => href,
    create(integration, task) {
      created++;
      return createHost(integration, task);
    },
    update(host, task) {
      host.dataset.taskId = task.id;
    },
  });
  return { injector, created: () => created };
}

/** What the site does on hover or focus: its actions shown in that row alone. */
function showActions(row: Element) {
  for (const old of document.querySelectorAll('.actions')) old.remove();
  row.insertAdjacentHTML('beforeend', '<div class="actions"><button>react</button></div>');
}
const row = (key: string) => document.querySelector(`[data-key="${key}"]`) as HTMLElement;

beforeEach(() => {
  href = 'https://chat.test/channel';
  document.body.innerHTML = '<main>' + ['a', 'b', 'c'].map((k) => `<div data-key="${k}"><p>text ${k}</p></div>`).join('') + '</main>';
});
afterEach(() => controller.abort());

describe('buttons placed from the pointer (Integration.hover)', () => {
  it('a row whose actions show without the pointer or focus there gets nothing: the page is not watched', async () => {
    start();
    showActions(row('a'));
    await flush();
    expect(buttons()).toHaveLength(0);
  });

  it('follows the pointer: one button, moved to the actions of the row pointed at, by its id', async () => {
    const { created } = start();
    showActions(row('a'));
    row('a')
      .querySelector('p')
      ?.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
    expect(buttons().map((b) => [b.dataset.taskId, b.parentElement?.className])).toEqual([['a', 'actions']]);
    showActions(row('b'));
    row('b').dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
    expect(buttons().map((b) => [b.dataset.taskId, b.parentElement?.className])).toEqual([['b', 'actions']]);
    expect(created()).toBe(1);
  });

  it('actions the site shows after the event: that row is watched until they do', async () => {
    start();
    row('c').dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(buttons()).toHaveLength(0);
    showActions(row('c'));
    await flush();
    expect(buttons().map((b) => b.dataset.taskId)).toEqual(['c']);
  });

  it('what shows at start (a message focused before the script ran) is placed at once', () => {
    showActions(row('b'));
    start();
    expect(buttons().map((b) => b.dataset.taskId)).toEqual(['b']);
  });

  it("a URL naming a task (an open thread): its header is watched for until found, the hover's button aside", async () => {
    href = 'https://chat.test/thread/t1';
    start();
    await flush();
    document.body.insertAdjacentHTML('beforeend', '<aside><h2 class="thread-header">Thread</h2></aside>');
    await flush();
    expect(buttons().map((b) => [b.dataset.taskId, b.parentElement?.className])).toEqual([['t1', 'thread-header']]);
  });
});
