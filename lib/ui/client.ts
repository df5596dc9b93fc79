import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { Message, Reply } from '../protocol/messages';

/** Sends an intent to the background; a dead worker or a thrown error becomes a Reply, never an exception. */
export async function send(message: Message): Promise<Reply> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply | undefined;
    return reply ?? { ok: false, error: t('no_answer') };
  } catch (err) {
    return { ok: false, error: t('unreachable', err instanceof Error ? err.message : String(err)) };
  }
}
