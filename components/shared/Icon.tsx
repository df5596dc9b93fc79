/**
 * Small line icons drawn for Stint (16×16, currentColor), in place of text glyphs (▶ ✎ ✕ ⚙) whose size, weight
 * and colour vary by font and platform. Decorative: the button carrying one has the accessible name.
 */
const PATHS = {
  play: <path d="M5 3.2v9.6L12.8 8z" fill="currentColor" stroke="none" />,
  stop: <rect x="4" y="4" width="8" height="8" rx="1.5" fill="currentColor" stroke="none" />,
  edit: (
    <>
      <path d="M3 13l.8-3.2 6.9-6.9a1.4 1.4 0 0 1 2 0l.4.4a1.4 1.4 0 0 1 0 2l-6.9 6.9z" />
      <path d="M9.6 4l2.4 2.4" />
    </>
  ),
  close: <path d="M4 4l8 8M12 4l-8 8" />,
  settings: (
    <>
      <path d="M2.5 4.5h11M2.5 11.5h11" />
      <circle cx="6" cy="4.5" r="1.8" fill="var(--bg, #fff)" />
      <circle cx="10.5" cy="11.5" r="1.8" fill="var(--bg, #fff)" />
    </>
  ),
  plus: <path d="M8 3v10M3 8h10" />,
  clock: (
    <>
      <circle cx="8" cy="8" r="5.8" />
      <path d="M8 4.8V8l2.2 1.6" />
    </>
  ),
} as const;

export type IconName = keyof typeof PATHS;

/**
 * Size, fill and stroke come from `.svg-icon` in base.css, not attributes: the popup's first screen draws ~36
 * icons, and each attribute is one more setAttribute in its first render. A shape's own fill/stroke attributes
 * still win over the values it inherits. (`focusable` was for Internet Explorer only.)
 */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="svg-icon" viewBox="0 0 16 16" aria-hidden="true">
      {PATHS[name]}
    </svg>
  );
}
