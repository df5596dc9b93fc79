import { siteContentScript } from '@/lib/inject/content';
import { linear } from '@/lib/integrations/linear';

// Linear pages get Linear's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([linear]);
