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

/** storage.local key of the idle question about the running timer: `{ key, idleMs }` or null (the button's "Idle 25 min"). */
export const IDLE_KEY = 'idlePrompt';
export interface IdleProjection {
  /** `integration:taskId` of the running timer's task. */
  key: string;
  idleMs: number;
}

/** storage.local key of whether on-device suggestions are on (a boolean): task pages report what they show only then. */
export const SUGGEST_KEY = 'suggest';
