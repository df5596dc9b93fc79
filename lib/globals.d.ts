/** Build-time configuration injected by wxt.config.ts (never secrets). */
declare const __STINT_HARVEST_CLIENT_ID__: string;
