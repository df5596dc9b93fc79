/**
 * Persistent secrets (API tokens, keys) live in the extension origin's IndexedDB: content scripts run in the
 * page's origin and cannot open it (unlike storage.local, which they can read). Short-lived OAuth access
 * tokens go to storage.session, which Chrome keeps from content scripts by default. Only the background uses
 * this module; unlinking an account wipes its secret.
 */

export interface Secret {
  token: string;
  /** OAuth access tokens expire; personal tokens and API keys do not. */
  expiresAt?: number;
}

const DB = 'stint-secrets';
const STORE = 'secrets';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export interface SecretStore {
  get(accountId: string): Promise<Secret | null>;
  set(accountId: string, secret: Secret): Promise<void>;
  remove(accountId: string): Promise<void>;
}

export const idbSecrets: SecretStore = {
  async get(accountId) {
    const v = (await run('readonly', (s) => s.get(accountId))) as Secret | undefined;
    return v && typeof v.token === 'string' ? v : null;
  },
  async set(accountId, secret) {
    await run('readwrite', (s) => s.put(secret, accountId));
  },
  async remove(accountId) {
    await run('readwrite', (s) => s.delete(accountId));
  },
};

/** In-memory store for unit tests (happy-dom has no IndexedDB). */
export function memorySecrets(): SecretStore & { dump(): Record<string, Secret> } {
  const map = new Map<string, Secret>();
  return {
    get: async (id) => map.get(id) ?? null,
    set: async (id, s) => void map.set(id, s),
    remove: async (id) => void map.delete(id),
    dump: () => Object.fromEntries(map),
  };
}

/**
 * Short-lived OAuth access tokens: storage.session (memory only, cleared when the browser closes, and kept
 * from content scripts by Chrome's default access level). After a restart the sign-in is replayed silently.
 */
export function sessionSecrets(area: {
  get(k: string): Promise<Record<string, unknown>>;
  set(v: Record<string, unknown>): Promise<void>;
  remove(k: string): Promise<void>;
}): SecretStore {
  const key = (id: string) => `secret:${id}`;
  return {
    async get(id) {
      const v = (await area.get(key(id)))[key(id)] as Secret | undefined;
      return v && typeof v.token === 'string' ? v : null;
    },
    set: (id, secret) => area.set({ [key(id)]: secret }),
    remove: (id) => area.remove(key(id)),
  };
}
