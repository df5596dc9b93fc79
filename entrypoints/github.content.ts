import { siteContentScript } from '@/lib/inject/content';
import { github } from '@/lib/integrations/github';

// GitHub pages get GitHub's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([github]);
