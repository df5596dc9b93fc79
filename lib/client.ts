import { browser } from 'wxt/browser';
import { t } from './i18n';
import type { Message, Reply } from './messages';

/**
 * How many times one intent is handed to the background. Each failed try means the service worker went away
 * (MV3 stops it when idle, or it is stopped on update): a message sent while it stops finds no receiver, and
 * one it was handling loses its reply. Either way the next try starts a fresh worker.
 */
const TRIES = 3;

/**
 * Sends an intent to the background; a dead worker or a thrown error becomes a Reply, never an exception.
 * Every try carries the same request id: the background applies a timer intent once per id (lib/service.ts),
 * so a try whose reply was lost after the worker had saved it is answered "done", not applied twice.
 */
export async function send(message: Message): Promise<Reply> {
  const request = { ...message, requestId: crypto.randomUUID() };
  let failure = t('no_answer');
  for (let i = 0; i < TRIES; i++) {
    try {
      // The background never throws (its errors are replies), so a rejection is the transport's: retry.
      const reply = (await browser.runtime.sendMessage(request)) as Reply | undefined;
      if (reply) return reply;
      failure = t('no_answer');
    } catch (err) {
      failure = t('unreachable', err instanceof Error ? err.message : String(err));
    }
  }
  return { ok: false, error: failure };
}
