import { siteContentScript } from '@/lib/inject/content';
import { helpscout } from '@/lib/integrations/helpscout';

// Help Scout pages get Help Scout's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([helpscout]);
