import { beforeAll, describe, expect, it } from 'vitest';
import { sendFrom } from '../support/options';
import { linkDemoHarvest, useSecurityRig } from '../support/security';

/**
 * A secret never follows a redirect (production build in real Chromium, Harvest emulator): the API host answers
 * 307 to another origin, and the token must not reach that origin — the request is refused with a clear message.
 */

const rig = useSecurityRig();
const ELSEWHERE = 'collector.example.net';

beforeAll(async () => {
  await linkDemoHarvest(rig);
});

describe('redirects', () => {
  it('a 307 from the API to another origin is refused, and the token is never sent there', async () => {
    // On the project list, which only the refresh asks for (opening options also syncs, and the sync reads entries).
    rig.emu.faults.failNext(1, {
      method: 'GET',
      path: '/v2/users/me/project_assignments',
      status: 307,
      headers: { location: `https://${ELSEWHERE}/v2/projects` },
      body: '',
    });
    const options = await rig.stint.context.newPage();
    await options.goto(`chrome-extension://${rig.stint.extensionId}/options.html`);
    const reply = await sendFrom(options, { type: 'account.refresh', id: `harvest:${rig.demo.accountId}` });
    await options.close();
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/redirect/i);
    expect(rig.server.log.filter((r) => r.host === ELSEWHERE)).toEqual([]);
    // The token went only to Harvest's own hosts.
    const carried = rig.server.log.filter((r) => r.credentials.includes(rig.demo.token));
    expect(carried.length).toBeGreaterThan(0);
    expect(carried.every((r) => r.host === 'api.harvestapp.com' || r.host === 'id.getharvest.com')).toBe(true);
  });
});
