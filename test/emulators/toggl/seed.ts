import { TOGGL_MESSAGES } from './messages';
import type {
  RequiredFields,
  TogglBlocked,
  TogglEntry,
  TogglPlan,
  TogglProject,
  TogglStore,
  TogglTag,
  TogglTask,
  TogglUser,
  TogglWorkspace,
} from './state';

/**
 * Seeding of the emulated Toggl: users and tokens, workspaces (plan, members, required fields, blocking), projects,
 * tasks, tags and entries written directly (no validation), and a demo account. `store` reads the current store
 * (reset() replaces it).
 */

export const DEFAULT_TOGGL_BLOCKED: TogglBlocked = { status: 403, body: TOGGL_MESSAGES.noAccess };

export interface TogglDemo {
  user: TogglUser;
  token: string;
  workspace: TogglWorkspace;
  projects: { website: TogglProject; legacy: TogglProject };
  tasks: { design: TogglTask; build: TogglTask; done: TogglTask };
  tags: { urgent: TogglTag };
}

export function togglSeeding(store: () => TogglStore, now: () => number) {
  const requireWorkspace = (id: number) => {
    const w = store().workspaces.get(id);
    if (!w) throw new Error(`toggl emulator: no workspace ${id}`);
    return w;
  };

  const seeding = {
    addUser(input: Partial<Omit<TogglUser, 'createdMs'>> = {}): TogglUser {
      const id = input.id ?? store().nextId('user');
      const user: TogglUser = {
        id,
        email: input.email ?? `user-${id}@example.com`,
        fullname: input.fullname ?? 'Grace Hopper',
        password: input.password ?? 'correct horse battery staple',
        api_token: input.api_token ?? store().nextToken(),
        timezone: input.timezone ?? 'Europe/Berlin',
        beginning_of_week: input.beginning_of_week ?? 1,
        default_workspace_id: input.default_workspace_id ?? null,
        createdMs: now(),
      };
      store().users.set(id, user);
      return user;
    },

    /** Invalidates a user's token (the old one answers 403); returns the new one. */
    rotateToken(userId: number): string {
      const u = store().users.get(userId);
      if (!u) throw new Error(`toggl emulator: no user ${userId}`);
      u.api_token = store().nextToken();
      return u.api_token;
    },

    revokeToken(token: string): void {
      const u = store().userByToken(token);
      if (u) u.api_token = `revoked-${store().nextToken()}`;
    },

    addWorkspace(
      input: {
        id?: number;
        organizationId?: number;
        name?: string;
        /** The organization's plan (default free); `premium: true` is the Premium plan. */
        plan?: TogglPlan;
        premium?: boolean;
        members?: number[];
        admins?: number[];
        requiredFields?: Partial<RequiredFields>;
        blocked?: Partial<TogglBlocked>;
      } = {},
    ): TogglWorkspace {
      const w: TogglWorkspace = {
        id: input.id ?? store().nextId('workspace'),
        organization_id: input.organizationId ?? store().nextId('organization'),
        name: input.name ?? 'Workspace',
        plan: input.plan ?? (input.premium ? 'premium' : 'free'),
        memberIds: [...(input.members ?? [])],
        adminIds: [...(input.admins ?? input.members ?? [])],
        requiredFields: { project: false, task: false, tag: false, description: false, ...input.requiredFields },
        blocked: input.blocked ? { ...DEFAULT_TOGGL_BLOCKED, ...input.blocked } : undefined,
      };
      store().workspaces.set(w.id, w);
      for (const id of w.memberIds) {
        const u = store().users.get(id);
        if (u && u.default_workspace_id === null) u.default_workspace_id = w.id;
      }
      return w;
    },

    setRequiredFields(workspaceId: number, fields: Partial<RequiredFields>): void {
      Object.assign(requireWorkspace(workspaceId).requiredFields, fields);
    },

    blockWorkspace(workspaceId: number, blocked: Partial<TogglBlocked> = {}): void {
      requireWorkspace(workspaceId).blocked = { ...DEFAULT_TOGGL_BLOCKED, ...blocked };
    },

    unblockWorkspace(workspaceId: number): void {
      requireWorkspace(workspaceId).blocked = undefined;
    },

    addProject(workspaceId: number, input: Partial<Omit<TogglProject, 'workspace_id' | 'createdMs'>> & { name: string }): TogglProject {
      requireWorkspace(workspaceId);
      const p: TogglProject = {
        id: input.id ?? store().nextId('project'),
        workspace_id: workspaceId,
        name: input.name,
        active: input.active ?? true,
        billable: input.billable ?? false,
        color: input.color ?? '#0b83d9',
        client_id: input.client_id ?? null,
        is_private: input.is_private ?? true,
        createdMs: now(),
      };
      store().projects.set(p.id, p);
      return p;
    },

    addTask(projectId: number, input: { id?: number; name: string; active?: boolean }): TogglTask {
      const p = store().projects.get(projectId);
      if (!p) throw new Error(`toggl emulator: no project ${projectId}`);
      const t: TogglTask = {
        id: input.id ?? store().nextId('task'),
        workspace_id: p.workspace_id,
        project_id: p.id,
        name: input.name,
        active: input.active ?? true,
        createdMs: now(),
      };
      store().tasks.set(t.id, t);
      return t;
    },

    addTag(workspaceId: number, input: { id?: number; name: string; creatorId?: number }): TogglTag {
      requireWorkspace(workspaceId);
      const t: TogglTag = {
        id: input.id ?? store().nextId('tag'),
        workspace_id: workspaceId,
        name: input.name,
        creator_id: input.creatorId ?? 0,
      };
      store().tags.set(t.id, t);
      return t;
    },

    /** Seeds an entry directly (no validation); `start`/`stop` are ISO strings, `stop` omitted = running. */
    addEntry(
      input: { workspaceId: number; userId: number; start: string; stop?: string | null } & Partial<
        Pick<TogglEntry, 'description' | 'project_id' | 'task_id' | 'billable' | 'tag_ids'>
      >,
    ): TogglEntry {
      const e: TogglEntry = {
        id: store().nextId('entry'),
        workspace_id: input.workspaceId,
        user_id: input.userId,
        project_id: input.project_id ?? null,
        task_id: input.task_id ?? null,
        description: input.description ?? null,
        billable: input.billable ?? false,
        tag_ids: [...(input.tag_ids ?? [])],
        startMs: Date.parse(input.start),
        stopMs: input.stop ? Date.parse(input.stop) : null,
        created_with: 'emulator seed',
        atMs: now(),
        deletedMs: null,
      };
      store().entries.set(e.id, e);
      return e;
    },

    seedDemo(): TogglDemo {
      const user = seeding.addUser({ fullname: 'Grace Hopper', email: 'grace@example.com' });
      const workspace = seeding.addWorkspace({ name: "Grace's workspace", members: [user.id], premium: true });
      const website = seeding.addProject(workspace.id, { name: 'Website', billable: true });
      const legacy = seeding.addProject(workspace.id, { name: 'Legacy', active: false });
      const design = seeding.addTask(website.id, { name: 'Design' });
      const build = seeding.addTask(website.id, { name: 'Build' });
      const done = seeding.addTask(website.id, { name: 'Launch', active: false });
      const urgent = seeding.addTag(workspace.id, { name: 'urgent', creatorId: user.id });
      return { user, token: user.api_token, workspace, projects: { website, legacy }, tasks: { design, build, done }, tags: { urgent } };
    },
  };
  return seeding;
}
