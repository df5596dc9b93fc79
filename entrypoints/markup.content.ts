import { siteContentScript } from '@/lib/inject/content';
import { harvestPlatform, stintMarkup } from '@/lib/integrations/generic';

// Pages carrying Stint's or Harvest Platform's markup (local servers and the domains a user adds).
export default siteContentScript([stintMarkup, harvestPlatform]);
