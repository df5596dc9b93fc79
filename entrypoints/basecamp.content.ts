import { siteContentScript } from '@/lib/inject/content';
import { basecamp } from '@/lib/integrations/basecamp';

// Basecamp pages get Basecamp's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([basecamp]);
