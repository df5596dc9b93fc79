import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { zendesk } from '../../../lib/integrations/zendesk';

describe('zendesk: several open tickets', () => {
  it('reads the subject of the ticket in the URL, not of another open tab', () => {
    const doc = new Window().document;
    doc.body.innerHTML = `
      <div class="grid-main-conversation-panel">
        <div data-side-conversations-anchor-id="7" style="display:none"><input data-test-id="omni-header-subject"></div>
        <div data-side-conversations-anchor-id="8"><input data-test-id="omni-header-subject"></div>
      </div>`;
    const inputs = doc.querySelectorAll('input');
    (inputs[0] as unknown as HTMLInputElement).value = 'Other ticket';
    (inputs[1] as unknown as HTMLInputElement).value = 'This ticket';
    const t = zendesk.task(new URL('https://acme.zendesk.com/agent/tickets/8'), doc as unknown as ParentNode);
    expect(t).toMatchObject({ id: 'acme#8', title: 'This ticket', url: 'https://acme.zendesk.com/agent/tickets/8', groupId: 'acme' });
  });
});
