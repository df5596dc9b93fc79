import { siteContentScript } from '@/lib/inject/content';
import { notion } from '@/lib/integrations/notion';

// Notion pages get Notion's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([notion]);
