import { effect } from '@preact/signals';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Entry } from '../core/entry';
import { accounts, connectState, minuteNow, now, timer } from './state';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the clocks a running timer moves', () => {
  it('moves the seconds every second, and what shows minutes only when the elapsed minute or the day changes', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'setTimeout', 'Date'] });
    vi.setSystemTime(new Date(2026, 11, 4, 23, 57, 30));
    // Started 20 s before the hour's 57th minute: its elapsed minute turns at :10 past each minute.
    const startedAt = new Date(2026, 11, 4, 23, 56, 10).getTime();
    const run = { id: 'r', day: '2026-12-04', running: true, startedAt, createdAt: startedAt, durationMs: 0 } as Entry;
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, data: { timer: run } });
    const stop = await connectState({ topics: ['timer'] });
    expect(timer.value?.id).toBe('r');
    const seconds: number[] = [];
    const minutes: number[] = [];
    const offNow = effect(() => void seconds.push(now.value));
    const offMinute = effect(() => void minutes.push(minuteNow.value));
    seconds.length = 0;
    minutes.length = 0;
    // 23:57:30 → 00:00:30 in one-second ticks: 180 ticks.
    for (let i = 0; i < 180; i++) vi.advanceTimersByTime(1000);
    offNow();
    offMinute();
    stop();
    expect(seconds).toHaveLength(180);
    const at = (t: number) => new Date(t).toTimeString().slice(0, 8);
    // Elapsed minute turns at 23:58:10, 23:59:10, 00:00:10; the day at 00:00:00.
    expect(minutes.map(at)).toEqual(['23:58:10', '23:59:10', '00:00:00', '00:00:10']);
  });
});

describe('loading', () => {
  it('asks again after a failed load, so a page never stays on its defaults until the next change', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'setTimeout'] });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const account = { id: 'harvest:1', provider: 'harvest', accountName: 'Acme' };
    const answers = [
      { ok: false, error: 'The worker went away.' },
      { ok: true, data: { accounts: { list: [account], defaultAccount: 'harvest:1', harvestSignIn: false } } },
    ];
    const spy = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockImplementation(async () => answers.shift() ?? { ok: false, error: 'extra' });
    const stop = await connectState({ topics: ['accounts'] });
    expect(accounts.value).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(accounts.value).toEqual([account]);
    expect(spy).toHaveBeenCalledTimes(2);
    stop();
  });
});
