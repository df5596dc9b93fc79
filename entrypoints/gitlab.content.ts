import { siteContentScript } from '@/lib/inject/content';
import { gitlab } from '@/lib/integrations/gitlab';

// GitLab pages get GitLab's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([gitlab]);
