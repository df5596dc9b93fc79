/**
 * What the background pushes to content scripts through storage.local (lib/state/projection.ts writes it). Plain
 * constants and types: content scripts import this without the data layer or a schema library.
 */

/** storage.local key of the running timer's public part: `{ key, startedAt }` or null. */
export const RUNNING_KEY = 'running';
export interface RunningProjection {
  /** `integration:taskId` of the running timer's task. */
  key: string;
  startedAt: number;
}
