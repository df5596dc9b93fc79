import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { integrationsForPage, PAGE_CONFIG_KEYS, pageConfig } from '../integrations/config';
import { originPatterns } from '../integrations/match';
import type { Integration } from '../integrations/types';
import { type PageContext, runPage } from './page';

/**
 * A site's content script (entrypoints/<name>.content.ts): declared for that site's origins (self-hosted
 * domains get it registered at runtime, lib/background/sites.ts) and carrying that site's integrations alone.
 */
export function siteContentScript(site: readonly Integration[], extras: Pick<PageContext, 'hover'> = {}) {
  return defineContentScript({
    matches: [...new Set(site.flatMap(originPatterns))].sort(),
    runAt: 'document_idle',
    async main(ctx) {
      const config = pageConfig(await browser.storage.local.get([...PAGE_CONFIG_KEYS]));
      runPage(integrationsForPage(location.href, config, site), {
        ...extras,
        signal: ctx.signal,
        noDock: config.dockHidden,
        onLocationChange(listener) {
          // The Navigation API sees the page's own pushState at once; WXT's watcher polls (the fallback).
          const nav = (window as { navigation?: EventTarget }).navigation;
          nav?.addEventListener('currententrychange', listener, { signal: ctx.signal });
          ctx.addEventListener(window, 'wxt:locationchange', listener);
          ctx.addEventListener(window, 'popstate', listener);
        },
      });
    },
  });
}
