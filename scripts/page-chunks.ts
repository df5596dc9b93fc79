import type { Plugin } from 'vite';

/**
 * One shared chunk for the popup (wxt.config.ts): Rollup's default splits the code the extension pages share into
 * a chunk per combination of pages using it (five files for the popup beside its own), and a page opened in a tab
 * pays for each file it requests (each is a request to the browser process, issued and answered one by one on a
 * loaded machine) before its first screen. Here every module the popup imports statically and another page
 * imports too goes into one `shared` chunk, so the popup loads two scripts; what only the popup uses stays in its
 * entry chunk, and what the other pages share without the popup is split as before. The cost: a page other than
 * the popup may load a few components of that chunk it does not render (measured in page_js_gzip_bytes).
 */
export function popupChunks(popupEntry = '/entrypoints/popup/'): Plugin {
  let pagesBuild = false;
  return {
    name: 'stint-popup-chunks',
    apply: 'build',
    // Only the build of the HTML pages (WXT builds content scripts and the background on their own).
    options(input) {
      const entries = typeof input.input === 'object' && input.input !== null ? Object.values(input.input) : [input.input];
      pagesBuild = entries.some((e) => typeof e === 'string' && e.includes(popupEntry));
      return null;
    },
    outputOptions(output) {
      if (!pagesBuild) return null;
      return {
        ...output,
        manualChunks(id, { getModuleInfo }) {
          // The pages (entrypoints/<page>/) whose entry reaches this module through static imports.
          const pages = new Set<string>();
          const seen = new Set<string>();
          const walk = (m: string) => {
            if (seen.has(m)) return;
            seen.add(m);
            const info = getModuleInfo(m);
            const page = /\/entrypoints\/([^/]+)\//.exec(m)?.[1];
            if (info?.isEntry && page) pages.add(page);
            for (const importer of info?.importers ?? []) walk(importer);
          };
          walk(id);
          return pages.has('popup') && pages.size > 1 ? 'shared' : undefined;
        },
      };
    },
  };
}
