/**
 * The previous build's storage.local, as it left it (lib/state/storage.ts before the IndexedDB data layer: one
 * item per kind, `entries` a list, `outbox` and `assignments` records by key, each with WXT's `<key>$` version
 * record, and `<key>:unreadable` where it had set a damaged value aside). Every kind of record it could hold is
 * here, so an upgrade test can check that each one arrives.
 *
 * The Harvest account is the emulator's demo account with its token in `stint-secrets` (unchanged by the
 * upgrade), and its outbox records wait out a backoff, so nothing syncs before the test asks; the Clockify and
 * Toggl accounts have no token stored, so their records (due now) stay as they are too.
 */

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export interface LegacyIds {
  /** Harvest (the emulator's demo account). */
  harvestAccount: number;
  harvestUser: number;
  project: number;
  task: number;
  /** Remote entries already in the emulator: one the outbox must delete, one synced and clean. */
  remoteToDelete: number;
  remoteSynced: number;
}

export function legacyLayout(ids: LegacyIds, now = Date.now()) {
  const today = dayOf(now);
  const harvest = `harvest:${ids.harvestAccount}`;
  const clockify = 'clockify:5f1e0c9a2b3c4d5e6f708192';
  const toggl = 'toggl:4711';
  const none = { project: false, task: false, description: false, tags: false };
  const accounts = [
    {
      id: harvest,
      provider: 'harvest',
      remoteAccountId: String(ids.harvestAccount),
      accountName: 'Difference Engines Ltd',
      userId: String(ids.harvestUser),
      userName: 'Ada Lovelace',
      auth: 'token',
      timestampTimers: false,
      clock: '24h',
      addedAt: now - 90 * DAY,
      required: none,
    },
    {
      id: clockify,
      provider: 'clockify',
      remoteAccountId: '5f1e0c9a2b3c4d5e6f708192',
      accountName: 'Analytical Workspace',
      userId: '5f1e0c9a2b3c4d5e6f700001',
      userName: 'Ada L.',
      auth: 'token',
      timestampTimers: true,
      clock: '12h',
      baseUrl: 'https://euc1.clockify.me/api/v1',
      addedAt: now - 30 * DAY,
      required: { project: true, task: false, description: true, tags: false },
    },
    {
      id: toggl,
      provider: 'toggl',
      remoteAccountId: '4711',
      accountName: 'Babbage & Co',
      userId: '990001',
      userName: 'ada',
      auth: 'token',
      timestampTimers: true,
      clock: '24h',
      addedAt: now - 10 * DAY,
      required: none,
    },
  ];
  const booking = (accountId: string, projectId: string, taskId: string, projectName: string, taskName: string) => ({
    accountId,
    projectId,
    taskId,
    projectName,
    taskName,
  });
  const toHarvest = booking(harvest, String(ids.project), String(ids.task), 'The Difference Engine', 'Programming');
  const toClockify = booking(clockify, '64a0c0ffee', '', 'Notes on the Engine', '');
  const toToggl = booking(toggl, '180001', '', 'Bernoulli numbers', '');
  const task = (n: number, title: string) => ({
    integration: 'github',
    id: `octo-org/hello-world#${n}`,
    title,
    url: `https://github.com/octo-org/hello-world/issues/${n}`,
    groupId: 'octo-org/hello-world',
    groupName: 'octo-org/hello-world',
  });
  const entry = (id: string, daysAgo: number, extra: Record<string, unknown> = {}) => {
    const startedAt = now - daysAgo * DAY - 3 * 3_600_000;
    return {
      id,
      task: null,
      notes: `Entry ${id}`,
      day: dayOf(now - daysAgo * DAY),
      startedAt,
      endedAt: startedAt + 45 * 60_000,
      durationMs: 45 * 60_000,
      running: false,
      booking: null,
      createdAt: startedAt,
      updatedAt: startedAt + 45 * 60_000,
      ...extra,
    };
  };

  const entries = [
    entry('local-today', 0, { task: task(7, 'Fix the carry <b>lever</b> & "gear"'), notes: 'Carry lever: café ☕, naïve fix' }),
    entry('local-plain', 0, { startedAt: null, endedAt: null, durationMs: 90 * 60_000, notes: 'Plain 1:30, no clock times' }),
    entry('local-old', 400, { notes: 'From more than a year ago' }),
    entry('h-pending', 0, { booking: toHarvest, notes: 'Saved offline, waiting to sync' }),
    entry('h-synced', 1, { booking: toHarvest, notes: 'Synced yesterday', task: task(8, 'Punched cards') }),
    entry('h-parked', 2, { booking: toHarvest, notes: 'Refused by Harvest, parked' }),
    entry('c-due', 3, { booking: toClockify, notes: 'Clockify, due now' }),
    entry('c-doubt', 3, { booking: toClockify, notes: 'Clockify, create in doubt' }),
    entry('t-edited', 5, { booking: toToggl, notes: 'Toggl, edited after sync' }),
    entry('moved', 6, { booking: toToggl, notes: 'Moved from Clockify to Toggl' }),
  ];
  const find = (id: string) => entries.find((e) => e.id === id) as (typeof entries)[number];
  const deletedHere = entry('h-deleted', 1, { booking: toHarvest, notes: 'Deleted here, still on Harvest' });
  const record = (entryId: string, accountId: string, extra: Record<string, unknown> = {}) => ({
    entryId,
    accountId,
    remoteId: null,
    wantVersion: find(entryId)?.updatedAt ?? deletedHere.updatedAt,
    pushedVersion: 0,
    remoteRunning: false,
    deleted: false,
    snapshot: null,
    createAttemptAt: null,
    sent: null,
    attempts: 0,
    nextAt: 0,
    error: null,
    ...extra,
  });
  const later = now + 3_600_000; // a backoff: not due until the user asks to sync
  const outbox = {
    'h-pending': record('h-pending', harvest, { attempts: 3, nextAt: later, error: 'Harvest could not be reached' }),
    'h-synced': record('h-synced', harvest, {
      remoteId: String(ids.remoteSynced),
      pushedVersion: find('h-synced').updatedAt,
    }),
    'h-deleted': record('h-deleted', harvest, {
      remoteId: String(ids.remoteToDelete),
      pushedVersion: deletedHere.updatedAt,
      deleted: true,
      snapshot: deletedHere,
      attempts: 1,
      nextAt: later,
      error: 'Harvest could not be reached',
    }),
    'h-parked': record('h-parked', harvest, { attempts: 1, nextAt: null, error: 'Project is archived' }),
    'c-due': record('c-due', clockify),
    'c-doubt': record('c-doubt', clockify, { createAttemptAt: now - 60_000, sent: find('c-doubt') }),
    't-edited': record('t-edited', toggl, { remoteId: '3300001', pushedVersion: find('t-edited').updatedAt - 1000 }),
    'moved@clockify:5f1e0c9a2b3c4d5e6f708192': record('moved', clockify, {
      remoteId: '64b0000000000000000000aa',
      pushedVersion: find('moved').updatedAt,
      deleted: true,
      snapshot: find('moved'),
    }),
    moved: record('moved', toggl),
  };
  const assignment = (projectId: string, projectName: string, taskId: string, taskName: string, more = {}) => ({
    projectId,
    projectName,
    taskId,
    taskName,
    ...more,
  });
  const timerStart = now - 25 * 60_000;
  const layout: Record<string, unknown> = {
    timer: {
      ...entry('running', 0, { task: task(12, 'Make the engine print'), notes: 'Running since before the upgrade' }),
      startedAt: timerStart,
      endedAt: null,
      durationMs: 0,
      running: true,
      createdAt: timerStart,
      updatedAt: timerStart,
    },
    entries: [...entries, { id: 'broken-entry', notes: 42 }],
    outbox,
    settings: { notesTemplate: '[{id}] {title}', attachTask: false, weekStart: 'sunday', roundingMinutes: 15, clock: '24h' },
    accounts,
    defaultAccount: clockify,
    status: {
      [harvest]: { state: 'offline', message: 'Harvest could not be reached', lastSyncAt: now - DAY, checkedAt: now - 60_000 },
      [clockify]: { state: 'ok', message: 'Up to date', lastSyncAt: now - 2 * DAY, checkedAt: now - 60_000 },
      [toggl]: { state: 'rate-limited', message: 'Waiting for Toggl', lastSyncAt: null, checkedAt: now - 60_000 },
      // An account unlinked long ago: nothing rewrites it, so it must arrive exactly as it was.
      'toggl:1': { state: 'needs-reconnect', message: 'Sign in again', lastSyncAt: now - 100 * DAY, checkedAt: now - 99 * DAY },
    },
    assignments: {
      [harvest]: {
        fetchedAt: now - 3_600_000,
        list: [
          assignment(String(ids.project), 'The Difference Engine', String(ids.task), 'Programming', {
            projectCode: 'DE-1',
            clientName: 'Babbage',
            billable: true,
          }),
          assignment('777', 'Analytical Engine', '888', 'Design', { clientName: 'Lovelace', billable: false }),
        ],
      },
      [clockify]: { fetchedAt: now - 7_200_000, list: [assignment('64a0c0ffee', 'Notes on the Engine', '', '')] },
      [toggl]: { fetchedAt: now - DAY, list: [] },
    },
    lastBooking: {
      '*': { accountId: harvest, projectId: String(ids.project), taskId: String(ids.task) },
      'github:octo-org/hello-world': { accountId: toggl, projectId: '180001', taskId: '' },
      'jira:ENG': null,
    },
    sites: { 'https://gitlab.example.test': 'gitlab', 'https://jira.example.test': 'jira' },
    selectorOverrides: { github: '[data-testid="issue-title"]', trello: '.card-detail-title' },
    disabledIntegrations: ['notion', 'monday'],
    rules: [
      { integration: 'github', groupId: 'octo-org/hello-world', accountId: toggl, projectId: '180001', taskId: '' },
      { integration: 'jira', groupId: '*', accountId: harvest, projectId: String(ids.project), taskId: String(ids.task) },
    ],
    oauthClientIds: { harvest: 'legacy-client-id-123' },
    pace: { harvest: { requests: 100, windowMs: 15_000 } },
    // What the previous build had already set aside itself.
    'rules:unreadable': { at: now - 5 * DAY, reason: 'Expected array, received string', raw: 'not rules' },
  };
  // WXT's version record of every item the previous build had written.
  for (const key of Object.keys(layout)) if (!key.includes(':')) layout[`${key}$`] = { v: 1 };
  return { layout, today, harvest, clockify, toggl, secret: { accountId: harvest } };
}
