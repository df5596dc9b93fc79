import type { IndexHtmlTransformContext } from 'vite';
import { describe, expect, it } from 'vitest';
import { inlineStyles } from '../../scripts/page-styles';

/** scripts/page-styles.ts: the popup's and the modal's stylesheet goes into their HTML; other pages keep the link. */

const CSS = ':root{color:red}.popup{display:grid}';
const page = (name: string, css = CSS) => {
  const html = `<head><script type="module" crossorigin src="/chunks/${name}.js"></script>\n<link rel="stylesheet" crossorigin href="/assets/shared-X.css"></head>`;
  const ctx = {
    path: `/entrypoints/${name}/index.html`,
    filename: `/repo/entrypoints/${name}/index.html`,
    bundle: { 'assets/shared-X.css': { type: 'asset', fileName: 'assets/shared-X.css', source: css } },
  } as unknown as IndexHtmlTransformContext;
  const hook = inlineStyles(['popup', 'modal']).transformIndexHtml as { handler(html: string, ctx: IndexHtmlTransformContext): string };
  return hook.handler(html, ctx);
};

describe('inlined page styles', () => {
  it('writes the stylesheet into the popup and the modal, and only the stylesheet', () => {
    for (const name of ['popup', 'modal']) {
      const html = page(name);
      expect(html).toContain(`<style>${CSS}</style>`);
      expect(html).not.toContain('rel="stylesheet"');
      expect(html).toContain(`src="/chunks/${name}.js"`);
    }
  });

  it('leaves the other pages linked', () => {
    expect(page('options')).toContain('<link rel="stylesheet" crossorigin href="/assets/shared-X.css">');
  });

  it('leaves a stylesheet linked when inlining would change it: a url() (resolved against the file) or a closing style tag', () => {
    for (const css of ['.a{background:url(./b.svg)}', '.a::after{content:"</style>"}'])
      expect(page('popup', css)).toContain('rel="stylesheet"');
  });
});
