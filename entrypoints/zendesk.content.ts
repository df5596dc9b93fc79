import { siteContentScript } from '@/lib/inject/content';
import { zendesk } from '@/lib/integrations/zendesk';

// Zendesk pages get Zendesk's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([zendesk]);
