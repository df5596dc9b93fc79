import type { DemoSeed, HarvestEmulator } from '../emulators/harvest';

/** A time entry as the Harvest emulator holds it (Harvest's JSON); only the fields the suites read are typed. */
export interface HarvestJson {
  id: number;
  hours: number;
  is_running: boolean;
  notes: string;
  task: { id: number };
  [field: string]: unknown;
}

/** The demo account's time entries in the emulator. */
export const harvestEntries = (emu: HarvestEmulator, demo: DemoSeed) =>
  emu.timeEntries({ accountId: demo.accountId }) as unknown as HarvestJson[];

/** Stint's booking value (`account|project|task`) for a project and task of the demo account; Programming on the Difference Engine unless given. */
export const harvestBooking = (demo: DemoSeed, projectId = demo.projects.difference.id, taskId = demo.taskIds.programming) =>
  `harvest:${demo.accountId}|${projectId}|${taskId}`;
