import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { senderKind } from '@/lib/messages';
import { createService } from '@/lib/service';

export default defineBackground(() => {
  const handle = createService();
  const origin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((message, sender) =>
    handle(message, senderKind(sender, browser.runtime.id, origin)).catch((err: unknown) => ({
      ok: false as const,
      error: `Stint could not do that: ${err instanceof Error ? err.message : String(err)}`,
    })),
  );
});
