import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getMessage } from './locale';

/**
 * The unit project reads English through t(), as a browser would (fakeBrowser's i18n API only throws "not
 * implemented"). fakeBrowser.reset() leaves i18n alone, so setting it once per test file is enough.
 */
fakeBrowser.i18n.getMessage = getMessage('en') as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en';

// The data layer (lib/state/store.ts) is IndexedDB: each test starts from an empty database.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { closeStore } from '@/lib/state/store';

beforeEach(async () => {
  await closeStore();
  globalThis.indexedDB = new IDBFactory();
});
