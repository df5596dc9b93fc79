import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createAccounts } from '@/lib/background/accounts';
import { createActivity, type IdleSource } from '@/lib/background/activity';
import { createModalRegistry } from '@/lib/background/modals';
import { browserNotifier, clearPromptNotification, listenToNotifications } from '@/lib/background/notify';
import { idbSecrets, sessionSecrets } from '@/lib/background/secrets';
import { createSeen } from '@/lib/background/seen';
import { createService, serial } from '@/lib/background/service';
import { startForPage, toggleLast } from '@/lib/background/shortcuts';
import { registerSelfHosted } from '@/lib/background/sites';
import { pageTopics } from '@/lib/background/snapshot';
import type { IdleState } from '@/lib/core/activity';
import { badgeText, toolbarIcon } from '@/lib/core/badge';
import { t } from '@/lib/i18n';
import { originPattern } from '@/lib/integrations/match';
import { senderKind } from '@/lib/protocol/messages';
import { migrateLegacy } from '@/lib/state/migrate';
import { project } from '@/lib/state/projection';
import * as store from '@/lib/state/store';
import { createBudgets, sessionBudgetStore } from '@/lib/sync/budget';
import { createSyncEngine } from '@/lib/sync/engine';
import { createPacers } from '@/lib/sync/pacer';
import { createTriggers } from '@/lib/sync/triggers';

const SYNC_ALARM = 'stint-sync';
/**
 * Every minute: the badge's elapsed time, forgotten timers and the reminder to track (the name of the alarm that
 * used to poll, so it replaces it).
 */
const BADGE_ALARM = 'stint-poll';

export default defineBackground(() => {
  const exclusive = serial();
  // First of all, under the lock: the previous build's storage.local moves into the data layer (once), and the
  // content scripts' projection is rewritten. Every reader and writer of state queues behind it.
  const ready = exclusive(async () => {
    await migrateLegacy(browser.storage.local);
    await project(browser.storage.local);
  }).catch((err: unknown) => console.error('Stint: could not prepare storage', err));
  // Budgets live in session storage: this worker stops after 30 s idle, the hour's quota does not.
  const pacers = createPacers(Date.now, createBudgets({ store: sessionBudgetStore(browser.storage.session) }));
  const accounts = createAccounts({
    pacers,
    secrets: idbSecrets,
    session: sessionSecrets(browser.storage.session),
    exclusive,
    webAuth: {
      launch: (details) => browser.identity.launchWebAuthFlow(details),
      redirectUrl: () => browser.identity.getRedirectURL('harvest'),
    },
    canReach: (url) => browser.permissions.contains({ origins: [originPattern(new URL(url).origin)] }),
    harvestClientId: async () => __STINT_HARVEST_CLIENT_ID__ || ((await store.get('oauthClientIds')).harvest ?? ''),
  });
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  const engine = createSyncEngine({
    exclusive,
    providerFor: accounts.providerFor,
    pacers,
    // Short waits run in this worker; the alarm (≥ 30 s) survives the worker being stopped.
    wakeAt(time) {
      clearTimeout(wakeTimer);
      wakeTimer = setTimeout(() => void engine.flush(), Math.max(0, time - Date.now()));
      void browser.alarms.create(SYNC_ALARM, { when: Math.max(time, Date.now() + 30_000) });
    },
  });
  const flush = () => void ready.then(() => engine.flush()).catch((err: unknown) => console.error('Stint sync failed', err));

  const triggers = createTriggers(engine, { ready: () => ready });
  const modals = createModalRegistry(browser.storage.session);
  // On-device suggestions: content scripts' "task shown" reports, measured by this worker's clock (plus the offset the
  // real-browser suite moves it by, below) and the browser's idle state; declared before the idle source's listener
  // only as a function (the source is defined below, before any message can arrive: ready comes first).
  let seenOffset = 0;
  const seen = createSeen({
    exclusive,
    idleState: (seconds) => browser.idle.queryState(seconds),
    now: () => Date.now() + seenOffset,
  });
  const handle = createService({ exclusive, accounts, changed: triggers.changed, syncNow: triggers.syncNow, modals, seen });
  const origin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender) =>
    ready
      .then(() => handle(message, senderKind(sender, browser.runtime.id, origin), { tabId: sender.tab?.id, frameId: sender.frameId }))
      .catch((err: unknown) => ({
        ok: false as const,
        error: t('could_not_do', err instanceof Error ? err.message : String(err)),
      })),
  );

  // Idle time, forgotten timers, the reminder to track (lib/background/activity.ts): the browser's idle states and
  // the minute alarm feed the pure rules; questions are offered as notifications, answered through the service.
  const activity = createActivity({ exclusive, notifier: browserNotifier });
  const idleSource: IdleSource = {
    query: (seconds) => browser.idle.queryState(seconds),
    setDetectionInterval: (seconds) => browser.idle.setDetectionInterval(seconds),
    onChange: (listener) => browser.idle.onStateChanged.addListener(listener),
  };
  activity.listen(idleSource);
  void ready.then(() => activity.attach(idleSource)).catch((err: unknown) => console.error('Stint: idle detection', err));
  listenToNotifications(handle);
  // The test suites' idle source: a real-Chromium test reports idle states (and minute ticks) at chosen times through
  // the worker's global, with worker.evaluate (DevTools). Pages and content scripts run in other globals and cannot
  // reach it; whoever can evaluate code in this worker holds everything anyway.
  Object.assign(globalThis, {
    __stintIdle: {
      report: (state: IdleState, at?: number) => ready.then(() => activity.report(state, at)),
      tick: (at?: number) => ready.then(() => activity.check(at)),
    },
    // The suites seed the database behind this worker (test/support/state.ts): what it holds in memory is dropped.
    __stintStore: { dropCaches: store.dropCaches },
    // The suggestions' clock: the suite lets a task page be shown for minutes without waiting them (advance), and
    // places the clock at a time of its choosing, from which it runs on (set): minutes moved from 09:00 stay within
    // that day, where moved from 23:55 they would count into the next.
    __stintSeen: {
      advance: (ms: number) => {
        seenOffset += ms;
        return seenOffset;
      },
      set: (at: number) => {
        seenOffset = at - Date.now();
        return seenOffset;
      },
    },
  });

  // After every write: the pages re-read what changed, content scripts get their projection, the badge follows.
  store.onChange((changed) => {
    const topics = pageTopics(changed);
    if (topics.length > 0) void browser.runtime.sendMessage({ type: 'state.changed', topics }).catch(() => undefined);
    void project(browser.storage.local, changed).catch((err: unknown) => console.error('Stint: projection', err));
    if (changed.includes('timer')) void badge();
    if (changed.includes('settings')) void activity.retune(idleSource);
    // A question answered, or void once its timer stopped: its notification goes.
    if (changed.includes('prompt') || changed.includes('timer')) {
      void activity
        .openPrompt()
        .then((open) => (open ? undefined : clearPromptNotification()))
        .catch(() => undefined);
    }
  });

  // Toolbar badge and icon: elapsed time and the running icon while a timer runs (on every change and each minute).
  const badge = async () => {
    const timer = await store.get('timer');
    await browser.action.setBadgeBackgroundColor({ color: '#1a7f37' });
    await browser.action.setBadgeText({ text: badgeText(timer, Date.now()) });
    await browser.action.setIcon({ path: toolbarIcon(timer) });
  };
  void ready.then(badge);

  // Keyboard shortcut and context menu act as the user would from the popup.
  browser.commands.onCommand.addListener((command) => {
    if (command === 'toggle-timer') void toggleLast(handle);
  });
  browser.runtime.onInstalled.addListener((details) => {
    browser.contextMenus.create({ id: 'stint-page', title: t('menu_start_page'), contexts: ['page'] });
    browser.contextMenus.create({ id: 'stint-selection', title: t('menu_start_selection'), contexts: ['selection'] });
    // A first install opens the welcome page (what Stint does, where time goes), once: Chromium reports 'install'
    // again each time it starts with an unpacked build on the command line, and the data says it was shown.
    if (details.reason === 'install') void ready.then(() => welcomeOnce()).catch((err: unknown) => console.error('Stint: welcome', err));
  });
  const welcomeOnce = () =>
    exclusive(async () => {
      if ((await store.get('welcomedAt')) !== null) return;
      await store.write({ kv: { welcomedAt: Date.now() } });
      await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'stint-page' || info.menuItemId === 'stint-selection') {
      void startForPage(handle, { url: tab?.url ?? info.pageUrl, title: tab?.title }, info.selectionText);
    }
  });

  // Self-hosted domains: keep the runtime content script in step with the granted origins.
  const reregister = () => void registerSelfHosted().catch((err: unknown) => console.error('Stint: self-hosted sites', err));
  browser.permissions.onAdded.addListener(reregister);
  browser.permissions.onRemoved.addListener(reregister);
  reregister();

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) flush();
    if (alarm.name === BADGE_ALARM) {
      void badge();
      void ready.then(() => activity.check()).catch((err: unknown) => console.error('Stint: reminders', err));
    }
  });
  void browser.alarms.create(BADGE_ALARM, { periodInMinutes: 1 });
  // Timers started or stopped elsewhere are looked for when the user comes back to the browser or a tab (and when
  // the popup opens), as each account's request budget allows: never on a clock (lib/sync/triggers.ts).
  browser.tabs.onActivated.addListener(() => void triggers.focused());
  browser.windows.onFocusChanged.addListener((windowId) => {
    if (windowId !== browser.windows.WINDOW_ID_NONE) void triggers.focused();
  });
  self.addEventListener('online', () => void engine.flush({ retry: true }));
  // Startup, install, update, or a worker restarted after being stopped: finish whatever the outbox holds.
  flush();
});
