// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { at, clearSent, demo, emu, failure, lastSent, provider, sent, stopped, useClockify } from './clockify.fixture';

/** Clockify tags and the billable flag: listing, who may create one, and what entries send and keep. */
useClockify();

describe('tags and billable', () => {
  it('lists the workspace’s active tags and whether members may create one', async () => {
    emu.addTag(demo.workspace.id, { name: 'old', archived: true });
    expect(await provider().tags?.()).toEqual({ tags: [{ id: demo.tags.urgent.id, name: 'urgent' }], canCreate: true });
    emu.updateWorkspaceSettings(demo.workspace.id, { onlyAdminsCreateTag: true });
    expect((await provider().tags?.())?.canCreate).toBe(false);
  });

  it('where only admins may create tags, an admin or the owner may, a member may not (asked with ?roles=)', async () => {
    const member = emu.addUser({ name: 'Member' });
    const owner = emu.addUser({ name: 'Owner' });
    const locked = emu.addWorkspace({
      name: 'Admins only',
      members: [demo.user.id, member.id, owner.id],
      admins: [demo.user.id],
      owner: owner.id,
      settings: { onlyAdminsCreateTag: true },
    });
    // An admin elsewhere only: not this workspace's.
    emu.addWorkspace({ name: 'Mine', members: [member.id], admins: [member.id] });
    const as = (userId: string) => provider({ apiKey: emu.addApiKey(userId), workspaceId: locked.id });
    clearSent();
    expect((await as(demo.user.id).tags?.())?.canCreate).toBe(true);
    const roles = sent.map((r) => new URL(r.url)).find((u) => u.pathname.endsWith('/workspaces'));
    expect(roles?.searchParams.getAll('roles')).toEqual(['WORKSPACE_ADMIN', 'OWNER']);
    expect((await as(owner.id).tags?.())?.canCreate).toBe(true);
    expect((await as(member.id).tags?.())?.canCreate).toBe(false);
    // What the emulator then allows, as Clockify does.
    expect(await as(demo.user.id).createTag?.('admin-made')).toMatchObject({ name: 'admin-made' });
    expect((await failure(as(member.id).createTag?.('member-made') ?? Promise.resolve())).kind).toBe('forbidden');
    // Where members may create tags, nobody's role is asked.
    clearSent();
    expect((await provider().tags?.())?.canCreate).toBe(true);
    expect(sent.some((r) => new URL(r.url).searchParams.has('roles'))).toBe(false);
  });

  it('creates a tag (POST …/tags { name }); refused when only admins may', async () => {
    const tag = await provider().createTag?.('review');
    expect(lastSent('POST')).toMatchObject({ url: expect.stringMatching(/\/tags$/), body: { name: 'review' } });
    expect(emu.store.tags.get(tag?.id ?? '')).toMatchObject({ name: 'review', workspaceId: demo.workspace.id });
    emu.updateWorkspaceSettings(demo.workspace.id, { onlyAdminsCreateTag: true });
    expect((await failure(provider().createTag?.('other') ?? Promise.resolve())).kind).toBe('forbidden');
  });

  it('sends tagIds and billable as chosen; a workspace requiring tags refuses an entry without them', async () => {
    emu.updateWorkspaceSettings(demo.workspace.id, { forceTags: true });
    const p = provider();
    expect((await failure(p.create(stopped(at(9), at(10))))).message).toMatch(/Tags are required/);
    const made = await p.create(stopped(at(9), at(10), { tagIds: [demo.tags.urgent.id], billable: false }));
    expect(made).toMatchObject({ tagIds: [demo.tags.urgent.id], billable: false });
    expect(emu.store.entries.get(made.remoteId)).toMatchObject({ tagIds: [demo.tags.urgent.id], billable: false });
  });

  it('an update without tags keeps the remote ones; with tags, replaces them', async () => {
    const p = provider();
    const made = await p.create(stopped(at(9), at(10), { tagIds: [demo.tags.urgent.id] }));
    await p.update(made.remoteId, stopped(at(9), at(11)));
    expect(emu.store.entries.get(made.remoteId)?.tagIds).toEqual([demo.tags.urgent.id]);
    const review = emu.addTag(demo.workspace.id, { name: 'review' });
    await p.update(made.remoteId, stopped(at(9), at(11), { tagIds: [review.id], billable: true }));
    expect(emu.store.entries.get(made.remoteId)).toMatchObject({ tagIds: [review.id], billable: true });
  });
});
