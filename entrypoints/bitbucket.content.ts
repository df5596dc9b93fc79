import { siteContentScript } from '@/lib/inject/content';
import { bitbucket } from '@/lib/integrations/bitbucket';

// Bitbucket pages get Bitbucket's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([bitbucket]);
