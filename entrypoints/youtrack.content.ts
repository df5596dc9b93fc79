import { siteContentScript } from '@/lib/inject/content';
import { youtrack } from '@/lib/integrations/youtrack';

// YouTrack pages get YouTrack's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([youtrack]);
