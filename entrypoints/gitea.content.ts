import { siteContentScript } from '@/lib/inject/content';
import { gitea } from '@/lib/integrations/gitea';

// Gitea / Forgejo pages get Gitea / Forgejo's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([gitea]);
