import { describe, expect, it } from 'vitest';
import { parseMessage, senderKind } from './messages';

const task = { integration: 'github', id: 'o/r#1', title: 'T', url: 'https://github.com/o/r/issues/1' };
const ORIGIN = 'chrome-extension://abc/';

describe('senderKind', () => {
  it('tells pages, content scripts, the modal frame and strangers apart', () => {
    expect(senderKind({ id: 'abc', url: `${ORIGIN}popup.html` }, 'abc', ORIGIN)).toBe('extension-page');
    expect(senderKind({ id: 'abc', url: 'https://github.com/o/r/issues/1', tab: {} }, 'abc', ORIGIN)).toBe('content-script');
    expect(senderKind({ id: 'abc', url: `${ORIGIN}modal.html#x`, tab: {} }, 'abc', ORIGIN)).toBe('modal');
    expect(senderKind({ id: 'other', url: `${ORIGIN}popup.html` }, 'abc', ORIGIN)).toBe('foreign');
    expect(senderKind({ id: 'abc', url: 'https://evil.example/' }, 'abc', ORIGIN)).toBe('foreign');
  });
});

describe('parseMessage', () => {
  it('accepts task intents from a content script', () => {
    expect(parseMessage({ type: 'timer.start', task, notes: 'n' }, 'content-script')).toMatchObject({ ok: true });
    expect(parseMessage({ type: 'timer.stop' }, 'content-script')).toMatchObject({ ok: true });
    expect(parseMessage({ type: 'entry.save', task: null, notes: '', time: '1:30', day: '2026-11-22' }, 'content-script')).toMatchObject({
      ok: true,
    });
  });

  it('accepts site reports from a content script: a known integration and a layer, nothing else', () => {
    expect(parseMessage({ type: 'anchor.placed', integration: 'github', layer: 'semantic' }, 'content-script')).toEqual({
      ok: true,
      message: { type: 'anchor.placed', integration: 'github', layer: 'semantic' },
    });
    expect(parseMessage({ type: 'dock.hide', integration: 'jira' }, 'content-script')).toMatchObject({ ok: true });
    expect(parseMessage({ type: 'anchor.placed', integration: 'evil', layer: 'dock' }, 'content-script')).toMatchObject({
      ok: false,
      error: expect.stringContaining('integration'),
    });
    expect(parseMessage({ type: 'anchor.placed', integration: 'github', layer: 'everywhere' }, 'content-script')).toMatchObject({
      ok: false,
      error: expect.stringContaining('layer'),
    });
    expect(parseMessage({ type: 'dock.show', integration: 'jira' }, 'content-script')).toEqual({
      ok: false,
      error: 'Rejected: "dock.show" is not allowed from a web page.',
    });
  });

  it('refuses page-only intents from a content script, saying so', () => {
    expect(parseMessage({ type: 'entry.delete', id: 'x' }, 'content-script')).toEqual({
      ok: false,
      error: 'Rejected: "entry.delete" is not allowed from a web page.',
    });
    expect(parseMessage({ type: 'entry.delete', id: 'x' }, 'extension-page')).toMatchObject({ ok: true });
  });

  it('lets the modal frame read the state it renders, and never a content script', () => {
    const read = { type: 'state.get', topics: ['timer', 'assignments'] };
    expect(parseMessage(read, 'modal')).toMatchObject({ ok: true });
    expect(parseMessage(read, 'content-script')).toEqual({ ok: false, error: 'Rejected: "state.get" is not allowed from a web page.' });
    expect(parseMessage({ type: 'account.unlink', id: 'harvest:1' }, 'modal')).toMatchObject({ ok: false });
  });

  it('lets the modal frame create a tag from its picker, never a content script; tags are bounded ids', () => {
    const create = { type: 'tag.create', accountId: 'clockify:w1', name: ' review ' };
    expect(parseMessage(create, 'modal')).toEqual({ ok: true, message: { ...create, name: 'review' } });
    expect(parseMessage(create, 'content-script')).toEqual({ ok: false, error: 'Rejected: "tag.create" is not allowed from a web page.' });
    expect(parseMessage({ ...create, name: '  ' }, 'modal')).toMatchObject({ ok: false });
    const start = { type: 'timer.start', task, notes: '', tags: ['t1'], billable: true };
    expect(parseMessage(start, 'content-script')).toMatchObject({ ok: true, message: { tags: ['t1'], billable: true } });
    expect(parseMessage({ ...start, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'modal')).toMatchObject({ ok: false });
    expect(parseMessage({ ...start, tags: [''] }, 'modal')).toMatchObject({ ok: false });
  });

  it.each([
    [null, 'Rejected:'],
    ['timer.start', 'Rejected:'],
    [{}, 'Rejected:'],
    [{ type: 'tokens.get' }, 'Rejected "tokens.get"'],
    [{ type: 'timer.start', task: { ...task, url: 'javascript:alert(1)' }, notes: '' }, 'task.url'],
    [{ type: 'timer.start', task, notes: 'x'.repeat(10_000) }, 'notes'],
    [{ type: 'entry.save', task: null, notes: '', time: '1:30', day: '22/11/2026' }, 'day must be YYYY-MM-DD'],
    [{ type: 'timer.start', task: { ...task, id: '' }, notes: '' }, 'task.id'],
  ])('rejects %j with a reason', (raw, reason) => {
    const r = parseMessage(raw, 'extension-page');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(reason);
  });

  it('rejects anything from a foreign sender', () => {
    expect(parseMessage({ type: 'timer.stop' }, 'foreign')).toEqual({ ok: false, error: 'Rejected: message from outside Stint.' });
  });
});
