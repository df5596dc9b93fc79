import { defineConfig } from 'wxt';

// Build-time configuration (never secrets): see README "Build-time configuration".
const harvestClientId = process.env.STINT_HARVEST_CLIENT_ID ?? '';

export default defineConfig({
  // STINT_OUT_DIR lets parallel builds (and their tests, via STINT_BUILD_DIR) keep out of each other's way.
  outDir: process.env.STINT_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    define: { __STINT_HARVEST_CLIENT_ID__: JSON.stringify(harvestClientId) },
  }),
  manifest: ({ browser }) => ({
    name: 'Stint — time tracking on your task pages',
    short_name: 'Stint',
    description: 'A Start timer button on GitHub, Jira, Trello and more. Syncs to Harvest, Clockify, Toggl, or keeps time locally.',
    // identity: Harvest OAuth sign-in (launchWebAuthFlow).
    // contextMenus: "Start timer for this page" / "… with the selected text as notes".
    // scripting: buttons on self-hosted domains the user adds (content scripts registered at runtime).
    permissions: ['storage', 'alarms', 'identity', 'contextMenus', 'scripting'],
    // Self-hosted GitLab, Jira, Redmine…: asked for one origin at a time, when the user adds it in options.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    commands: {
      'toggle-timer': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Stop the running timer, or start the last one again' },
    },
    // The trackers' APIs, called only by the background.
    host_permissions: [
      'https://api.harvestapp.com/*',
      'https://id.getharvest.com/*',
      // Clockify: global and regional APIs (a self-hosted base URL is asked for when the user enters it).
      'https://api.clockify.me/*',
      'https://*.clockify.me/*',
      'https://api.track.toggl.com/*',
    ],
    web_accessible_resources: [
      {
        // The timer modal opens in a frame on task pages (lib/inject/modal-frame.ts), self-hosted domains
        // included, so any http(s) page may frame it; this grants no access to pages (it is not a permission),
        // and Chrome's use_dynamic_url keeps the frame's address unguessable.
        resources: ['modal.html'],
        matches: ['https://*/*', 'http://*/*'],
        ...(browser === 'chrome' ? { use_dynamic_url: true } : {}),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Stint sends nothing to its makers; account data goes only to the tracker the user links.
            gecko: { id: 'stint@stint.dev', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
