/**
 * Freezes a value and everything in it: what the data layer keeps in memory is handed to every reader, so nobody
 * may edit it in place (in strict code such an edit throws at once instead of changing another reader's state).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
