import { describe, expect, it } from 'vitest';
import { integrationsForPage as forPage, pageConfig } from './config';
import { integrations } from './index';

const integrationsForPage = (href: string, config: ReturnType<typeof pageConfig>) => forPage(href, config, integrations);

const none = pageConfig({});

describe('integrationsForPage', () => {
  it('gives the hosted integrations by default', () => {
    expect(integrationsForPage('https://github.com/o/r/issues/1', none).map((i) => i.id)).toEqual(['github']);
    expect(integrationsForPage('https://git.example.com/g/p/-/issues/1', none)).toEqual([]);
  });

  it('adds the site type of a self-hosted domain', () => {
    const config = pageConfig({ sites: { 'https://git.example.com': 'gitlab' } });
    const list = integrationsForPage('https://git.example.com/g/p/-/issues/1', config);
    expect(list.map((i) => i.id)).toEqual(['gitlab']);
    expect(list[0]?.task(new URL('https://git.example.com/g/p/-/issues/1'), document)?.id).toBe('g/p#1');
  });

  it("knows only the content script's own integrations", () => {
    const github = integrations.filter((i) => i.id === 'github');
    expect(forPage('https://github.com/o/r/issues/1', none, github).map((i) => i.id)).toEqual(['github']);
    expect(forPage('https://gitlab.com/g/p/-/issues/1', none, github)).toEqual([]);
    expect(
      forPage('https://git.example.com/g/p/-/issues/1', pageConfig({ sites: { 'https://git.example.com': 'gitlab' } }), github),
    ).toEqual([]);
  });

  it('ignores a self-hosted mapping to a type that cannot be self-hosted', () => {
    expect(integrationsForPage('https://x.example.com/a', pageConfig({ sites: { 'https://x.example.com': 'trello' } }))).toEqual([]);
  });

  it('drops sites turned off and puts a selector override first', () => {
    expect(integrationsForPage('https://github.com/o/r/issues/1', pageConfig({ disabledIntegrations: ['github'] }))).toEqual([]);
    const [gh] = integrationsForPage('https://github.com/o/r/issues/1', pageConfig({ selectorOverrides: { github: 'h1.custom' } }));
    expect(gh?.anchor[0]).toBe('h1.custom');
    expect(gh?.anchor.length).toBeGreaterThan(1);
  });

  it('reads malformed config as unset', () => {
    expect(pageConfig({ sites: 'x', selectorOverrides: [1], disabledIntegrations: [3, 'a'], dockHidden: { github: true } })).toEqual({
      sites: {},
      selectorOverrides: {},
      disabledIntegrations: ['a'],
      dockHidden: [],
    });
    expect(pageConfig({ dockHidden: ['github', 7] }).dockHidden).toEqual(['github']);
  });
});
