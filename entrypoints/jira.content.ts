import { siteContentScript } from '@/lib/inject/content';
import { jira } from '@/lib/integrations/jira';

// Jira pages get Jira's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([jira]);
