import { siteContentScript } from '@/lib/inject/content';
import { redmine } from '@/lib/integrations/redmine';

// Redmine pages get Redmine's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([redmine]);
