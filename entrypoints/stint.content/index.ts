import { defineContentScript } from 'wxt/utils/define-content-script';
import { runPage } from '@/lib/inject/page';
import { contentScriptMatches, integrationsForUrl } from '@/lib/integrations';

export default defineContentScript({
  matches: contentScriptMatches(),
  runAt: 'document_idle',
  main(ctx) {
    runPage(integrationsForUrl(location.href), {
      signal: ctx.signal,
      onLocationChange(listener) {
        ctx.addEventListener(window, 'wxt:locationchange', listener);
        ctx.addEventListener(window, 'popstate', listener);
      },
    });
  },
});
