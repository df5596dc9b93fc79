import { firstMatch, textOf } from './text';
import type { Integration } from './types';

// V1 (2025+): /1/<workspace>/project/<project>/task/<task>[/comment/<c>], /1/<workspace>/task/<task>
const V1 = /^\/1\/\d+(?:\/project\/(\d+))?\/task\/(\d+)(?:\/|$)/;
// V0 (still supported): /0/<project>/<task>, /0/<project>/<task>/f (full screen), /0/<project>/<task>/<story>
const V0 = /^\/0\/(\d+)\/(\d+)(?:\/|$)/;

const ANCHOR = [
  // Task pane and full-screen task (2023–2025): <textarea aria-label="Task Name"> in .TaskPane-titleRow
  // (scoped to the pane: rows of the list view hold task-name textareas too)
  '.TaskPane textarea[aria-label="Task Name"]',
  // Same title row by class (the aria-label is translated on non-English accounts)
  '.TaskPane-titleRow textarea',
  // Read-only task (no edit rights): <div class="ReadOnlyTitleInput-name"> in .TaskPaneTitle
  '.TaskPaneTitle .ReadOnlyTitleInput-name',
];

/** The task name as shown: a textarea's current value (plain text, like textContent), else the element's text. */
function titleOf(el: Element | null): string {
  if (el?.localName !== 'textarea') return textOf(el);
  return (el as HTMLTextAreaElement).value.replace(/\s+/g, ' ').trim().slice(0, 1000);
}

export const asana: Integration = {
  id: 'asana',
  name: 'Asana',
  matches: ['https://app.asana.com/0/*', 'https://app.asana.com/1/*'],
  exampleUrls: [
    { url: 'https://app.asana.com/0/1203000000000002/1204000000000003', taskId: '1204000000000003' },
    { url: 'https://app.asana.com/0/1203000000000002/1204000000000003/f', taskId: '1204000000000003' },
    {
      url: 'https://app.asana.com/1/1199900000000001/project/1203000000000002/task/1204000000000004',
      taskId: '1204000000000004',
    },
    { url: 'https://app.asana.com/1/1199900000000001/task/1204000000000005?focus=true', taskId: '1204000000000005' },
    {
      url: 'https://app.asana.com/1/1199900000000001/project/1203000000000002/task/1204000000000006/comment/1204000000000099?focus=true',
      taskId: '1204000000000006',
    },
    { url: 'https://app.asana.com/0/1203000000000002/list', taskId: null },
    { url: 'https://app.asana.com/1/1199900000000001/project/1203000000000002/board', taskId: null },
    { url: 'https://app.asana.com/0/home/1199900000000001', taskId: null },
    { url: 'https://app.asana.com/0/inbox/1199900000000010', taskId: null },
  ],
  task(url, doc, anchor) {
    const m = V1.exec(url.pathname) ?? V0.exec(url.pathname);
    const task = m?.[2];
    if (!task) return null;
    // Project 0 is Asana's "no project" placeholder in V0 links.
    const project = m[1] && m[1] !== '0' ? m[1] : undefined;
    return {
      id: task,
      title: titleOf(anchor ?? firstMatch(doc, ANCHOR)),
      url: `https://app.asana.com/0/${project ?? 0}/${task}/f`,
      ...(project ? { groupId: project } : {}),
    };
  },
  anchor: ANCHOR,
  placement: 'after',
};
