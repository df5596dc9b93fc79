import type { Integration } from '../integrations/types';
import { HOST_TAG } from './injector';

/**
 * What the injector's tests share (injector.test.ts, layers.test.ts, hover.test.ts; happy-dom): the button host they
 * have it create, reading the hosts back, and a turn of the event loop for its observers.
 */

/** A bare button host naming its integration and task, as the real button's dataset does. */
export function createHost(integration: Integration, task: { id: string }): HTMLElement {
  const host = document.createElement(HOST_TAG);
  host.dataset.integration = integration.id;
  host.dataset.taskId = task.id;
  return host;
}

/** The hosts in the page, in document order. */
export const buttons = () => [...document.querySelectorAll<HTMLElement>(HOST_TAG)];

/** Lets the mutation records queued so far reach the injector. */
export const flush = () => new Promise((r) => setTimeout(r, 0));
