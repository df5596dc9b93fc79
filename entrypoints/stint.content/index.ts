import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runPage } from '@/lib/inject/page';
import { contentScriptMatches } from '@/lib/integrations';
import { integrationsForPage, PAGE_CONFIG_KEYS, pageConfig } from '@/lib/integrations/config';

// Declared for the hosted services; self-hosted domains get the same script registered at runtime.
export default defineContentScript({
  matches: contentScriptMatches(),
  runAt: 'document_idle',
  async main(ctx) {
    const config = pageConfig(await browser.storage.local.get([...PAGE_CONFIG_KEYS]));
    runPage(integrationsForPage(location.href, config), {
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
