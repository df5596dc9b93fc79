/** Shared by the provider clients (user, company and workspace lookups). */

/** Memoizes a successful lookup; a failed one is tried again next time. */
export function memo<T>(load: () => Promise<T>): { get(): Promise<T>; set(value: T): void } {
  let pending: Promise<T> | null = null;
  return {
    get() {
      if (!pending) {
        const p = load();
        pending = p;
        p.catch(() => {
          if (pending === p) pending = null;
        });
      }
      return pending;
    },
    set(value) {
      pending = Promise.resolve(value);
    },
  };
}
