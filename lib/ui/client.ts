import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { Message } from '../protocol/messages';
import type { MessageType, ReplyTo } from '../protocol/replies';

/**
 * Sends an intent to the background and gives back its typed reply (lib/protocol/replies.ts); a dead worker or a
 * thrown error becomes a failed reply, never an exception.
 */
export async function send<M extends Message>(message: M): Promise<ReplyTo<M['type'] & MessageType>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as ReplyTo<M['type'] & MessageType> | undefined;
    return reply ?? { ok: false, error: t('no_answer') };
  } catch (err) {
    return { ok: false, error: t('unreachable', err instanceof Error ? err.message : String(err)) };
  }
}
