import { render, type VNode } from 'preact';
import { afterEach } from 'vitest';
import type { Account } from '@/lib/core/schemas';
import { accounts, assignments, defaultAccount } from '@/lib/ui/state';

/**
 * What the comboboxes' tests share (BookingPicker.test.tsx, TagPicker.test.tsx; happy-dom): a linked account, a
 * mount that finds the combobox, and typing and keys as a user's (each waits for the render it causes).
 */

/** An account linked to `provider`'s remote account `remote` (Stint's id `provider:remote`), nothing required. */
export const linkedAccount = (provider: string, remote: string): Account => ({
  id: `${provider}:${remote}`,
  provider,
  remoteAccountId: remote,
  accountName: 'Acme',
  userId: 'u1',
  userName: 'Ada',
  auth: 'token',
  timestampTimers: true,
  clock: '24h',
  addedAt: 1,
  required: { project: false, task: false, description: false, tags: false },
});

const roots: HTMLElement[] = [];

/** After each of the file's tests: what they mounted unmounted, the accounts and project lists they set emptied. */
export function usePickers(): void {
  afterEach(() => {
    for (const root of roots.splice(0)) render(null, root);
    accounts.value = [];
    assignments.value = {};
    defaultAccount.value = 'local';
  });
}

/** `ui` rendered in an element of its own in the page; with the combobox in it. */
export function mount(ui: VNode): { root: HTMLElement; input: HTMLInputElement } {
  const root = document.createElement('div');
  document.body.append(root);
  roots.push(root);
  render(ui, root);
  const input = root.querySelector<HTMLInputElement>('input[role="combobox"]');
  if (!input) throw new Error('no combobox');
  return { root, input };
}

/** Lets the renders a dispatched event scheduled run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** `value` typed into the combobox (one input event, as a paste or a keystroke makes). */
export async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settle();
}

/** Key `k` pressed in the combobox. */
export async function key(input: HTMLInputElement, k: string): Promise<void> {
  input.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  await settle();
}
