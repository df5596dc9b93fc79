import type { Integration, TaskInfo } from '../integrations/types';
import { type Layer, pageTitles, textAt } from './semantic';

/** Reading the task a button stands for, shared by the injector (./injector.ts) and the pointer (./hover.ts). */

/** The task a page shows. Off its selectors the DOM may not name it: the title falls back along the layers. */
export function readTask(doc: Document, i: Integration, url: URL, layer: Layer | null, anchor?: Element, fill = true): TaskInfo | null {
  let task: TaskInfo | null = null;
  try {
    task = i.task(url, doc, layer === 'selector' ? anchor : undefined);
  } catch (err) {
    console.warn(`Stint: ${i.id} could not read this page`, err);
  }
  if (!task || task.title || i.multiple || !fill) return task;
  const title = pageTitles(doc, i, '')[0] ?? (layer === 'semantic' && anchor ? textAt(anchor) : '');
  return { ...task, title };
}

/**
 * The task to place a button for. A many-task integration that reads ids alone (types.ts `taskId`) gives its
 * id: its anchors may move at every frame; the title and link are read when the button is pointed at or clicked.
 */
export function taskAt(doc: Document, i: Integration, url: URL, layer: Layer, anchor: Element): TaskInfo | null {
  if (!i.multiple || !i.taskId || layer !== 'selector') return readTask(doc, i, url, layer, anchor);
  try {
    const id = i.taskId(url, anchor);
    return id ? { id, title: '', url: '' } : null;
  } catch (err) {
    console.warn(`Stint: ${i.id} could not read this page`, err);
    return null;
  }
}
