import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { requestEarly } from '@/lib/ui/first-state';

/**
 * The popup's first request, sent before its main scripts have loaded (lib/ui/first-state.ts). A classic `async`
 * script: it runs as soon as it arrives, without waiting for the stylesheet or the parser as module scripts do.
 */
export default defineUnlistedScript(() => {
  const g = globalThis as unknown as { browser?: { runtime?: unknown }; chrome?: { runtime?: unknown } };
  // Firefox's `browser` and Chrome's `chrome` both answer sendMessage with a promise (no polyfill here: size).
  const runtime = (g.browser?.runtime ?? g.chrome?.runtime) as Parameters<typeof requestEarly>[0] | undefined;
  if (runtime) requestEarly(runtime);
});
