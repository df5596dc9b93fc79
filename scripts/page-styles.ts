import type { Plugin } from 'vite';

/**
 * The stylesheet of the pages that must show fast (wxt.config.ts), written into their HTML as a `<style>` instead
 * of a `<link>`: a page opened from the toolbar pays for each file it requests before its first screen, and the
 * stylesheet was one of three. Measured on the popup (npm run bench, 7 alternating runs of each build): its
 * DOMContentLoaded came 9.5 ms after the trivial extension page's with the link, 6.4 ms after with the style
 * (every run lower). Extension pages' default CSP restricts scripts, not styles. The CSS file stays for the other
 * pages; its url()s would resolve against the page instead of the file, so a stylesheet with one is left linked.
 */
export function inlineStyles(pages: readonly string[]): Plugin {
  const LINK = /<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)">/g;
  return {
    name: 'stint-inline-styles',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // entrypoints/<page>/index.html or entrypoints/<page>.html
        const page = /\/entrypoints\/([^/]+?)(?:\/index)?\.html$/.exec(ctx.filename)?.[1];
        if (!page || !pages.includes(page) || !ctx.bundle) return html;
        const bundle = ctx.bundle;
        return html.replace(LINK, (link, file: string) => {
          const asset = bundle[file];
          const css = asset?.type === 'asset' ? String(asset.source) : null;
          if (css === null || /url\(/i.test(css) || /<\/style/i.test(css)) return link;
          return `<style>${css}</style>`;
        });
      },
    },
  };
}
