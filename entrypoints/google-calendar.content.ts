import { siteContentScript } from '@/lib/inject/content';
import { googleCalendar } from '@/lib/integrations/google-calendar';

// Google Calendar pages get Google Calendar's code alone (see contentScripts in lib/integrations/index.ts).
export default siteContentScript([googleCalendar]);
