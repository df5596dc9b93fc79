import { siteContentScript } from '@/lib/inject/content';
import { shortcut } from '@/lib/integrations/shortcut';

// Shortcut pages get Shortcut's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([shortcut]);
