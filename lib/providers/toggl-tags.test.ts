// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createTogglProvider } from './toggl';
import { at, clock, demo, emu, failure, lastSent, provider, stopped, useToggl, viaLoop } from './toggl.fixture';

/** Toggl tags and the billable flag: listing, who may create one, and what entries send and keep. */
useToggl();

describe('tags and billable', () => {
  it('lists the workspace’s tags; members may create one unless only admins may (and they are not one)', async () => {
    expect(await provider().tags?.()).toEqual({ tags: [{ id: String(demo.tags.urgent.id), name: 'urgent' }], canCreate: true });
    const member = emu.addUser({ fullname: 'Member' });
    const locked = emu.addWorkspace({
      name: 'Strict',
      members: [demo.user.id, member.id],
      admins: [demo.user.id],
      onlyAdminsMayCreateTags: true,
    });
    const asMember = createTogglProvider({ apiToken: member.api_token, workspaceId: String(locked.id), fetch: viaLoop, now: () => clock });
    expect((await asMember.tags?.())?.canCreate).toBe(false);
    expect((await failure(asMember.createTag?.('x') ?? Promise.resolve())).kind).toBe('forbidden');
    const asAdmin = createTogglProvider({ apiToken: demo.token, workspaceId: String(locked.id), fetch: viaLoop, now: () => clock });
    expect((await asAdmin.tags?.())?.canCreate).toBe(true);
  });

  it('creates a tag (POST …/tags { name, workspace_id })', async () => {
    const tag = await provider().createTag?.('review');
    expect(lastSent('POST')).toMatchObject({ body: { name: 'review', workspace_id: demo.workspace.id } });
    expect(emu.store.tags.get(Number(tag?.id))).toMatchObject({ name: 'review' });
  });

  it('sends tag_ids and billable as chosen; a PUT without tags leaves the remote ones', async () => {
    emu.setRequiredFields(demo.workspace.id, { tag: true });
    const p = provider();
    expect((await failure(p.create(stopped(at(9), at(10))))).message).toMatch(/Tag is required/);
    const made = await p.create(stopped(at(9), at(10), { tagIds: [String(demo.tags.urgent.id)], billable: false }));
    expect(made).toMatchObject({ tagIds: [String(demo.tags.urgent.id)], billable: false });
    await p.update(made.remoteId, stopped(at(9), at(11)));
    expect(emu.store.entries.get(Number(made.remoteId))).toMatchObject({ tag_ids: [demo.tags.urgent.id], billable: false });
    // Still required: clearing them is refused, as Toggl does; once not required, they clear.
    expect((await failure(p.update(made.remoteId, stopped(at(9), at(11), { tagIds: [] })))).message).toMatch(/Tag is required/);
    emu.setRequiredFields(demo.workspace.id, { tag: false });
    await p.update(made.remoteId, stopped(at(9), at(11), { tagIds: [], billable: true }));
    expect(emu.store.entries.get(Number(made.remoteId))).toMatchObject({ tag_ids: [], billable: true });
  });
});
