import { describe, expect, it } from 'vitest';
import { bookingValue, initialBooking, parseBookingValue, recentBookings } from './booking';

const task = { integration: 'github', id: 'o/r#1', title: 'T', url: 'https://github.com/o/r/issues/1', groupId: 'o/r' };
const assignments = {
  'harvest:1': {
    list: [
      { projectId: 'p1', projectName: 'Web', taskId: 't1', taskName: 'Dev' },
      { projectId: 'p2', projectName: 'Ops', taskId: 't2', taskName: 'Run' },
    ],
  },
};
const ctx = { lastBooking: {}, defaultAccount: 'local', assignments, rules: [] };

describe('booking preselection', () => {
  it('round-trips picker values', () => {
    expect(parseBookingValue(bookingValue({ accountId: 'a', projectId: 'p', taskId: '' }))).toEqual({
      accountId: 'a',
      projectId: 'p',
      taskId: '',
    });
    expect(parseBookingValue('local')).toBeNull();
  });

  it('a rule beats the remembered choice, which beats the default account', () => {
    const remembered = { 'github:o/r': { accountId: 'harvest:1', projectId: 'p2', taskId: 't2' } };
    const rule = { integration: 'github', groupId: '*', accountId: 'harvest:1', projectId: 'p1', taskId: 't1' };
    expect(initialBooking(task, { ...ctx, defaultAccount: 'harvest:1', lastBooking: remembered, rules: [rule] })).toEqual({
      value: 'harvest:1|p1|t1',
      from: 'rule',
    });
    expect(initialBooking(task, { ...ctx, defaultAccount: 'harvest:1', lastBooking: remembered })).toEqual({
      value: 'harvest:1|p2|t2',
      from: 'remembered',
    });
    expect(initialBooking(task, { ...ctx, defaultAccount: 'harvest:1' })).toEqual({ value: 'harvest:1|p1|t1', from: 'default' });
  });

  it('after linking an account (now the default), a remembered Local choice no longer wins', () => {
    const local = { '*': null, 'github:o/r': null };
    expect(initialBooking(task, { ...ctx, lastBooking: local })).toEqual({ value: 'local', from: 'remembered' });
    expect(initialBooking(task, { ...ctx, lastBooking: local, defaultAccount: 'harvest:1' })).toEqual({
      value: 'harvest:1|p1|t1',
      from: 'default',
    });
  });

  it('skips a remembered pair that is no longer assignable', () => {
    const gone = { '*': { accountId: 'harvest:1', projectId: 'archived', taskId: 'x' } };
    expect(initialBooking(null, { ...ctx, defaultAccount: 'harvest:1', lastBooking: gone }).from).toBe('default');
  });

  it('lists recent choices once each, the group first', () => {
    const entries = [{ booking: { accountId: 'harvest:1', projectId: 'p1', taskId: 't1' } }, { booking: null }] as never[];
    expect(recentBookings(task, { '*': null, 'github:o/r': { accountId: 'harvest:1', projectId: 'p2', taskId: 't2' } }, entries)).toEqual([
      'harvest:1|p2|t2',
      'local',
      'harvest:1|p1|t1',
    ]);
  });
});
