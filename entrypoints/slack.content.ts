import { siteContentScript } from '@/lib/inject/content';
import { startHover } from '@/lib/inject/hover';
import { slack } from '@/lib/integrations/slack';

// Slack pages get Slack's code alone (see contentScripts in lib/integrations/index.ts), and the pointer placement
// its hover actions need (lib/inject/hover.ts), which no other site's script carries.
export default siteContentScript([slack], { hover: startHover });
