import { siteContentScript } from '@/lib/inject/content';
import { outlook } from '@/lib/integrations/outlook';

// Outlook pages get Outlook's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([outlook]);
