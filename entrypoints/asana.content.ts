import { siteContentScript } from '@/lib/inject/content';
import { asana } from '@/lib/integrations/asana';

// Asana pages get Asana's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([asana]);
