import { siteContentScript } from '@/lib/inject/content';
import { monday } from '@/lib/integrations/monday';

// monday.com pages get monday.com's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([monday]);
