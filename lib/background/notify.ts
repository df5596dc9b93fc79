import { browser } from 'wxt/browser';
import type { Prompt, PromptChoice } from '../core/activity';
import type { Entry } from '../core/entry';
import { clockOf, formatClock, formatDurationWords, t } from '../i18n';
import { choiceLabel } from '../prompt-words';
import type { SenderKind } from '../protocol/messages';
import type { Reply } from '../protocol/replies';
import * as store from '../state/store';
import type { ActivityNotifier } from './activity';

/**
 * The questions and reminders as browser notifications. Chrome shows up to two buttons: idle time offers
 * Discard and Stop (Keep, and all three, in the popup and the modal); a forgotten timer Stop and Keep running.
 * Firefox has no buttons: a click on the notification opens the popup, which always asks. A button acts as the
 * user would from the popup: the `prompt.resolve` intent through the service.
 */

export const PROMPT_NOTIFICATION = 'stint-prompt';
export const TRACK_NOTIFICATION = 'stint-track';

/** The buttons a question's notification carries, in order. */
export const BUTTONS: Record<Prompt['kind'], PromptChoice[]> = { idle: ['discard', 'stop'], forgotten: ['stop', 'keep'] };

type Handle = (raw: unknown, kind: SenderKind) => Promise<Reply>;

async function clock() {
  const [accounts, defaultId, settings] = await Promise.all([store.get('accounts'), store.get('defaultAccount'), store.get('settings')]);
  return clockOf(accounts, defaultId, settings.clock);
}

// Rendered into the build by scripts/icons.ts (not a public/ file, so not in WXT's typed paths).
const ICON = () => `${browser.runtime.getURL('/')}icons/stint-128.png`;

async function show(id: string, options: { title: string; message: string; buttons?: { title: string }[] }) {
  const base = { type: 'basic' as const, iconUrl: ICON(), title: options.title, message: options.message, priority: 1 };
  try {
    await browser.notifications.create(id, { ...base, ...(options.buttons ? { buttons: options.buttons, requireInteraction: true } : {}) });
  } catch {
    // Firefox refuses `buttons` (and `requireInteraction`): the same notice, which opens the popup when clicked.
    await browser.notifications.create(id, base);
  }
}

export const browserNotifier: ActivityNotifier = {
  async prompt(prompt: Prompt, timer: Entry) {
    const time = formatClock(prompt.from, await clock());
    const what = timer.task ? timer.task.title || timer.task.id : timer.notes || t('untitled_timer');
    const idle = prompt.kind === 'idle';
    await show(PROMPT_NOTIFICATION, {
      title: idle
        ? t('prompt_idle_title', formatDurationWords(prompt.idleMs))
        : t('prompt_forgotten_title', formatDurationWords(prompt.to - (timer.startedAt ?? timer.createdAt))),
      message: idle ? t('prompt_idle_body', what, time) : t('prompt_forgotten_body', what, time),
      buttons: BUTTONS[prompt.kind].map((choice) => ({ title: choiceLabel(choice, prompt.kind, time) })),
    });
  },
  async track(untrackedMs: number) {
    await show(TRACK_NOTIFICATION, { title: t('track_title'), message: t('track_body', formatDurationWords(untrackedMs)) });
  },
};

/** Opens the popup (Chrome ≥ 127, Firefox from a user action), else the popup's page in a tab. */
async function openPopup() {
  try {
    await browser.action.openPopup();
  } catch {
    await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
  }
}

/** Wires the notifications' clicks: a button answers the open question; a click opens the popup. */
export function listenToNotifications(handle: Handle) {
  browser.notifications.onButtonClicked?.addListener((id, index) => {
    if (id !== PROMPT_NOTIFICATION) return;
    void (async () => {
      const [prompt, timer] = await Promise.all([store.get('prompt'), store.get('timer')]);
      const choice = prompt ? BUTTONS[prompt.kind][index] : undefined;
      if (!prompt || !timer || !choice) return;
      const reply = await handle({ type: 'prompt.resolve', timerId: prompt.timerId, choice }, 'extension-page');
      if (!reply.ok) console.warn('Stint: the notification’s answer', reply.error);
      await browser.notifications.clear(id);
    })();
  });
  browser.notifications.onClicked.addListener((id) => {
    if (id !== PROMPT_NOTIFICATION && id !== TRACK_NOTIFICATION) return;
    void browser.notifications.clear(id);
    void openPopup();
  });
}

/** The question was answered or is void (the timer stopped): its notification goes. */
export async function clearPromptNotification() {
  await browser.notifications.clear(PROMPT_NOTIFICATION);
}
