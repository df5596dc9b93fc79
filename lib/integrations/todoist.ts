import { firstMatch, textOf } from './text';
import type { Integration } from './types';

// /app/task/<slug>-<id> (2024+ ids are alphanumeric, older ones numeric) and /app/task/<id>
const TASK = /^\/app\/task\/(?:[^/]*-)?([A-Za-z0-9]+)\/?$/;
const ID = /^[A-Za-z0-9]+$/;

const ANCHOR = [
  // Task detail (2024–2025, modal and /app/task page): name in .task-overview-content inside [data-item-detail-root]
  '[data-item-detail-root] .task-overview-content .task_content',
  // Same task detail modal when the data attributes are absent: [data-testid="task-details-modal"]
  '[data-testid="task-details-modal"] .task-overview-content .task_content',
];

export const todoist: Integration = {
  id: 'todoist',
  name: 'Todoist',
  matches: [
    'https://app.todoist.com/app/*',
    'https://app.todoist.com/showTask*',
    'https://todoist.com/app*',
    'https://todoist.com/showTask*',
  ],
  exampleUrls: [
    { url: 'https://app.todoist.com/app/task/write-release-notes-6X7rM8997g3RQmvh', taskId: '6X7rM8997g3RQmvh' },
    { url: 'https://app.todoist.com/app/task/6X7rfFVPjhvv84XG', taskId: '6X7rfFVPjhvv84XG' },
    { url: 'https://todoist.com/showTask?id=2995104339', taskId: '2995104339' },
    { url: 'https://app.todoist.com/showTask?id=2995104340', taskId: '2995104340' },
    { url: 'https://todoist.com/app/#task/2995104341', taskId: '2995104341' },
    { url: 'https://app.todoist.com/app/today', taskId: null },
    { url: 'https://app.todoist.com/app/project/website-6Jf8VQXxpwv56VQ7', taskId: null },
    { url: 'https://todoist.com/showTask?id=%3Cb%3E', taskId: null },
  ],
  task(url, doc, anchor) {
    const fromQuery = url.pathname === '/showTask' ? (url.searchParams.get('id') ?? '') : '';
    // The pre-2023 web app kept the task in the hash: /app/#task/<id>
    const fromHash = /^#task\/([A-Za-z0-9]+)$/.exec(url.hash)?.[1] ?? '';
    const id = TASK.exec(url.pathname)?.[1] ?? (ID.test(fromQuery) ? fromQuery : fromHash);
    if (!id) return null;
    const project = doc.querySelector('[data-item-detail-root]')?.getAttribute('data-item-project-name')?.trim();
    return {
      id,
      title: textOf(anchor ?? firstMatch(doc, ANCHOR)),
      url: `https://app.todoist.com/app/task/${id}`,
      ...(project ? { groupName: project } : {}),
    };
  },
  anchor: ANCHOR,
  placement: 'after',
};
