import { siteContentScript } from '@/lib/inject/content';
import { todoist } from '@/lib/integrations/todoist';

// Todoist pages get Todoist's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([todoist]);
