/**
 * A long history for the bench: `n` stopped entries, ten per day going back from today (10,000 entries ≈ 2¾
 * years of a full-time user's work), every third one on a GitHub issue, all on the Local backend: the shape
 * lib/core/schemas.ts EntrySchema checks, as the background stores them (one record per entry, by day).
 */

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export function history(n: number, now = Date.now()) {
  const PER_DAY = 10;
  const entries = [];
  for (let i = 0; i < n; i++) {
    const date = new Date(now);
    date.setHours(0, 0, 0, 0);
    date.setDate(date.getDate() - Math.floor(i / PER_DAY));
    // 08:00, 08:45, … : 45-minute slots, each 30 minutes long.
    const startedAt = date.getTime() + (8 * 60 + (i % PER_DAY) * 45) * 60_000;
    const task =
      i % 3 === 0
        ? {
            integration: 'github',
            id: `octo-org/history#${i}`,
            title: `History issue ${i}`,
            url: `https://github.com/octo-org/history/issues/${i}`,
            groupId: 'octo-org/history',
            groupName: 'octo-org/history',
          }
        : null;
    entries.push({
      id: `history-${i}`,
      task,
      notes: `History entry ${i}: reviewed, fixed and wrote it up`,
      day: dayOf(date),
      startedAt,
      endedAt: startedAt + 30 * 60_000,
      durationMs: 30 * 60_000,
      running: false,
      booking: null,
      createdAt: startedAt,
      updatedAt: startedAt + 30 * 60_000,
    });
  }
  return entries;
}
