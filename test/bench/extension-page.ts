import type { Stint } from '../support/browser';
import type { Reply } from '../support/options';

/**
 * The bench inside Stint's extension pages (popup.html): the page's address, and the extension API as code run in
 * the page uses it (saves.ts times runtime.sendMessage there). Messages sent from Node: sendFrom and sendFromPopup (test/support).
 */

/** The extension API as the bench uses it inside extension pages. */
export type Chrome = { runtime: { sendMessage(m: unknown): Promise<Reply | undefined> } };

export const popupUrl = (stint: Stint) => `chrome-extension://${stint.extensionId}/popup.html`;
