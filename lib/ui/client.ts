import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { Message } from '../protocol/messages';
import type { MessageType, ReplyTo } from '../protocol/replies';

/**
 * How many times one message is handed to the background. Each failed try means the service worker went away
 * (MV3 stops it when idle, or it is stopped on update): a message sent while it stops finds no receiver, and
 * one it was handling loses its reply. Either way the next try starts a fresh worker.
 */
const TRIES = 3;

/**
 * Sends an intent to the background and gives back its typed reply (lib/protocol/replies.ts); a dead worker or a
 * thrown error becomes a failed reply, never an exception. Every try carries the same request id: the background
 * applies a timer intent once per id (lib/background/intents.ts), so a try whose reply was lost after the worker
 * had saved it is answered "done", not applied twice. The other messages read, or set a value, so a repeat is
 * harmless.
 */
export async function send<M extends Message>(message: M): Promise<ReplyTo<M['type'] & MessageType>> {
  const request = { ...message, requestId: crypto.randomUUID() };
  let error = t('no_answer');
  for (let i = 0; i < TRIES; i++) {
    try {
      // The background never throws (its errors are replies), so a rejection is the transport's: try again.
      const reply = (await browser.runtime.sendMessage(request)) as ReplyTo<M['type'] & MessageType> | undefined;
      if (reply) return reply;
      error = t('no_answer');
    } catch (err) {
      error = t('unreachable', err instanceof Error ? err.message : String(err));
    }
  }
  return { ok: false, error } as ReplyTo<M['type'] & MessageType>;
}
