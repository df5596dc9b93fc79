import { siteContentScript } from '@/lib/inject/content';
import { trello } from '@/lib/integrations/trello';

// Trello pages get Trello's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([trello]);
