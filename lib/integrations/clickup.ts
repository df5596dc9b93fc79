import { firstMatch, textOf } from './text';
import type { Integration } from './types';

// /t/<taskId> and /t/<workspaceId>/<taskId or custom id such as DEV-123>
const PATH = /^\/t\/(?:(\d+)\/)?([A-Za-z0-9][\w-]*)\/?$/;

const ANCHOR = [
  // ClickUp 3.0 task view, modal and full page (2023–2025): [data-test="task-title__title-overlay"]
  '[data-test="task-title__title-overlay"]',
  // ClickUp 2.0 task view: .task-name__overlay
  '.task-name__overlay',
];

export const clickup: Integration = {
  id: 'clickup',
  name: 'ClickUp',
  matches: ['https://app.clickup.com/*'],
  exampleUrls: [
    { url: 'https://app.clickup.com/t/86b0x1yz2', taskId: '86b0x1yz2' },
    { url: 'https://app.clickup.com/t/9012345678/86b0x1yz3', taskId: '86b0x1yz3' },
    { url: 'https://app.clickup.com/t/9012345678/DEV-1234', taskId: 'DEV-1234' },
    { url: 'https://app.clickup.com/t/86b0x1yz2?comment=90120000000001', taskId: '86b0x1yz2' },
    { url: 'https://app.clickup.com/9012345678/v/li/901200000001', taskId: null },
    { url: 'https://app.clickup.com/9012345678/home', taskId: null },
    { url: 'https://app.clickup.com/t/', taskId: null },
  ],
  task(url, doc, anchor) {
    const m = PATH.exec(url.pathname);
    const id = m?.[2];
    if (!id) return null;
    const team = m[1];
    return {
      id,
      title: textOf(anchor ?? firstMatch(doc, ANCHOR)),
      url: `https://app.clickup.com/t/${team ? `${team}/` : ''}${id}`,
      ...(team ? { groupId: team } : {}),
    };
  },
  anchor: ANCHOR,
  placement: 'after',
};
