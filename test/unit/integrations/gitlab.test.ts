import { describe, expect, it } from 'vitest';
import { gitlab } from '../../../lib/integrations/gitlab';

describe('gitlab: ids, groups and canonical links', () => {
  const task = (u: string) => gitlab.task(new URL(u), document);

  it('numbers issues with #, merge requests with ! and epics with &, grouped by project path', () => {
    expect(task('https://gitlab.com/acme/platform/api/-/issues/42')).toMatchObject({
      id: 'acme/platform/api#42',
      url: 'https://gitlab.com/acme/platform/api/-/issues/42',
      groupId: 'acme/platform/api',
    });
    expect(task('https://gitlab.com/acme/platform/api/-/merge_requests/42/pipelines')).toMatchObject({
      id: 'acme/platform/api!42',
      url: 'https://gitlab.com/acme/platform/api/-/merge_requests/42',
    });
    expect(task('https://gitlab.com/groups/acme/platform/-/epics/5')).toMatchObject({
      id: 'acme/platform&5',
      url: 'https://gitlab.com/groups/acme/platform/-/epics/5',
      groupId: 'acme/platform',
    });
  });

  it('reads self-hosted URLs, with or without the /- segment', () => {
    expect(task('https://git.example.org/team/app/-/issues/3')).toMatchObject({
      id: 'team/app#3',
      url: 'https://git.example.org/team/app/-/issues/3',
    });
    expect(task('https://git.example.org/team/app/merge_requests/9')?.id).toBe('team/app!9');
  });

  it('reads the item open in a list or board drawer from ?show=', () => {
    const show = btoa(JSON.stringify({ iid: '8', full_path: 'acme/web', id: 77 }));
    expect(task(`https://gitlab.com/acme/web/-/boards/2?show=${encodeURIComponent(show)}`)).toMatchObject({
      id: 'acme/web#8',
      url: 'https://gitlab.com/acme/web/-/work_items/8',
    });
  });
});
