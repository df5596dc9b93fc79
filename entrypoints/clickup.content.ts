import { siteContentScript } from '@/lib/inject/content';
import { clickup } from '@/lib/integrations/clickup';

// ClickUp pages get ClickUp's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([clickup]);
