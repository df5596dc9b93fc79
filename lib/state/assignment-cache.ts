import type { Assignment, RemoteTag } from '../providers/types';

/** One account's project/task list as the background last fetched it (the `assignments` store of the data layer). */
export interface AssignmentCache {
  fetchedAt: number;
  list: Assignment[];
  /** Trackers with tags: the workspace's tags, cached with its projects (the same record, the same topic). */
  tags?: RemoteTag[];
  /** Whether this user may create a tag there. */
  tagsCreatable?: boolean;
}

/** Whether a stored value is a project list: every pair has its ids, every tag its id and name. */
export const isAssignmentCache = (v: unknown): v is AssignmentCache =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as AssignmentCache).fetchedAt === 'number' &&
  Array.isArray((v as AssignmentCache).list) &&
  (v as AssignmentCache).list.every((a) => typeof a?.projectId === 'string' && typeof a.taskId === 'string') &&
  ((v as AssignmentCache).tags === undefined ||
    (Array.isArray((v as AssignmentCache).tags) &&
      ((v as AssignmentCache).tags ?? []).every((tag) => typeof tag?.id === 'string' && typeof tag.name === 'string')));
