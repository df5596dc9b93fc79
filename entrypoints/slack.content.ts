import { siteContentScript } from '@/lib/inject/content';
import { slack } from '@/lib/integrations/slack';

// Slack pages get Slack's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([slack]);
