import { siteContentScript } from '@/lib/inject/content';
import { azureDevops } from '@/lib/integrations/azure-devops';

// Azure DevOps pages get Azure DevOps's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([azureDevops]);
