import { describe, expect, it } from 'vitest';
import { slack } from '../../../lib/integrations/slack';
import { fixtureDir, loadPage } from './site-suite';

const dir = fixtureDir(import.meta.url, 'slack');
const THREAD = 'https://app.slack.com/client/T01ACME42/C04APOLLO/thread/C04APOLLO-1773136800.123456';
const CHANNEL = 'https://app.slack.com/client/T01ACME42/C04APOLLO';

const doc = (w: { document: unknown }) => w.document as unknown as ParentNode;

describe('slack: messages and threads', () => {
  it('a thread: the root message, its permalink, the channel as the group', async () => {
    const win = await loadPage(dir, { url: THREAD, file: 'client.html' });
    expect(slack.task(new URL(THREAD), doc(win))).toEqual({
      id: 'T01ACME42/C04APOLLO/1773136800.123456',
      title: 'Launch checklist for <Apollo> & the beta',
      url: 'https://acme.slack.com/archives/C04APOLLO/p1773136800123456',
      groupId: 'C04APOLLO',
      groupName: 'proj-apollo',
    });
    await win.happyDOM.close();
  });

  it('no hover actions up front: a button only for the message hovered, and it follows the pointer', async () => {
    const win = await loadPage(dir, { url: 'https://app.slack.com/client/T01ACME42/C09QUIET', file: 'quiet.html' });
    const d = win.document;
    expect(d.querySelectorAll('[data-qa="message-actions"]')).toHaveLength(0);
    const first = d.querySelector('[data-item-key="1773136800.123456"] [data-qa="message-text"]');
    first?.dispatchEvent(new win.MouseEvent('mouseover', { bubbles: true }));
    const actions = d.querySelectorAll('[data-qa="message-actions"]');
    expect(actions).toHaveLength(1);
    const task = slack.task(new URL(win.location.href), doc(win), actions[0] as unknown as Element);
    expect(task).toMatchObject({ id: 'T01ACME42/C09QUIET/1773136800.123456', title: 'Launch checklist for <Apollo> & the beta' });
    await win.happyDOM.close();
  });

  it('a message title is its first line, trimmed to 120 characters', async () => {
    const win = await loadPage(dir, { url: CHANNEL, file: 'client.html' });
    const text = win.document.querySelector('#root-text');
    if (!text) throw new Error('no text');
    text.textContent = `${'word '.repeat(40)}end`;
    const item = win.document.querySelector('[data-item-key="1773136800.123456"]') as unknown as Element;
    const title = slack.task(new URL(CHANNEL), doc(win), item.querySelector('a') ?? undefined)?.title ?? '';
    expect(title).toHaveLength(120);
    expect(title.endsWith('…')).toBe(true);
    await win.happyDOM.close();
  });
});
