import { t } from '../i18n';
import type { TaskInfo } from '../integrations/types';
import { HOST_TAG } from './injector';

/**
 * The injected button: a `<stint-button>` host with an open shadow root (styles isolated both ways). Plain DOM,
 * no framework: it ships in every content script. Contract (ARCHITECTURE.md, and the README): `data-integration`, `data-task-id`,
 * `data-state` on the host; the inner <button> has an accessible name and `aria-pressed`.
 */

export type ButtonState = 'idle' | 'running' | 'pending';

const CSS = `
:host { display: inline-flex; vertical-align: middle; margin: 0 6px; font: 500 12px/1 system-ui, sans-serif; }
button { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 5px; height: 24px;
  padding: 0 9px; border-radius: 12px; cursor: pointer; white-space: nowrap;
  color: #1f2328; background: #f6f8fa; border: 1px solid #d0d7de; }
button:hover { background: #eef1f4; }
button:focus-visible { outline: 2px solid #2f6feb; outline-offset: 2px; }
button[aria-pressed="true"] { color: #fff; background: #1a7f37; border-color: #1a7f37; }
:host([data-state="pending"]) button { opacity: .65; cursor: progress; }
:host([data-prompt="idle"]) button { background: #9a6700; border-color: #9a6700; }
svg { width: 14px; height: 14px; flex: none; }
:host([data-layer="dock"]) svg { display: none; }
@media (prefers-color-scheme: dark) {
  button { color: #e6edf3; background: #21262d; border-color: #3d444d; }
  button:hover { background: #2b3138; }
}
:host([data-theme="dark"]) button { color: #e6edf3; background: #21262d; border-color: #3d444d; }
:host([data-theme="light"]) button { color: #1f2328; background: #f6f8fa; border-color: #d0d7de; }
`;

const SVG = 'http://www.w3.org/2000/svg';

/** The clock icon, built node by node (no markup strings in a content script). */
function icon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const shapes: [string, Record<string, string>][] = [
    ['circle', { cx: '8', cy: '8', r: '6.25' }],
    ['path', { d: 'M8 4.5V8l2.5 1.5', 'stroke-linecap': 'round' }],
  ];
  for (const [tag, attrs] of shapes) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries({ ...attrs, fill: 'none', stroke: 'currentColor', 'stroke-width': '1.5' })) el.setAttribute(k, v);
    svg.append(el);
  }
  return svg;
}

export function createButton(integrationId: string, task: TaskInfo, onClick: (host: HTMLElement, event: MouseEvent) => void): HTMLElement {
  const host = document.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const button = document.createElement('button');
  button.type = 'button';
  const label = document.createElement('span');
  button.append(icon(), label);
  root.append(style, button);
  host.dataset.integration = integrationId;
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    onClick(host, event);
  });
  setTask(host, task);
  renderButton(host, 'idle', '');
  return host;
}

/** The button's fixed words, looked up once per page (a chat's button is re-labelled at every hover move). */
const words = new Map<string, string>();
const word = (key: 'button_stop' | 'button_start' | 'button_log_meeting') => {
  let w = words.get(key);
  if (w === undefined) {
    w = t(key);
    words.set(key, w);
  }
  return w;
};

/** "Track time: {title}" looked up once, with a mark where the title goes (it changes at every hover move). */
const MARK = '\u0001';
let trackTitle: string | undefined;
/** The tooltip of a button whose title is not read yet (a chat's, at every hover move): looked up once. */
let trackDefault: string | undefined;
function tooltip(title: string): string {
  if (!title) {
    trackDefault ??= t('button_track_default');
    return trackDefault;
  }
  trackTitle ??= t('button_track_title', MARK);
  return trackTitle.includes(MARK) ? trackTitle.replace(MARK, () => title) : t('button_track_title', title);
}

/** Writes an attribute only when it changes: a chat's button is re-rendered at every hover move, mostly unchanged. */
function put(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

export function setTask(host: HTMLElement, task: TaskInfo): void {
  put(host, 'data-task-id', task.id);
  // A meeting (a task with a time span) is logged as an entry of its own time, not timed from now.
  host.toggleAttribute('data-meeting', task.span !== undefined);
  put(host, 'title', tooltip(task.title));
}

/** A task id short enough for the dock: its last path segment (`hello-world#12`, `ENG-42`), at most 16 characters. */
export function shortId(id: string): string {
  const s = id.slice(id.lastIndexOf('/') + 1) || id;
  return s.length > 16 ? `${s.slice(0, 15)}…` : s;
}

/**
 * Shows a state; `elapsed` is the running time text (e.g. "0:42"). In the dock the button also names its task.
 * `idleMinutes`: an idle question is open about this running timer: the button says "Idle 25 min" and opens the
 * modal, which asks (`data-prompt="idle"` on the host).
 */
export function renderButton(host: HTMLElement, state: ButtonState, elapsed: string, idleMinutes: number | null = null): void {
  const button = host.shadowRoot?.querySelector('button');
  const label = button?.querySelector('span');
  if (!button || !label) return;
  const running = state === 'running';
  const action = word(running ? 'button_stop' : host.hasAttribute('data-meeting') ? 'button_log_meeting' : 'button_start');
  const task = host.dataset.layer === 'dock' ? shortId(host.dataset.taskId ?? '') : '';
  let aria = task ? `${action}: ${task}` : action;
  let title = running ? t('button_running_title', elapsed) : '';
  let text = task ? (running ? `${elapsed} · ${task}` : `▶ ${task}`) : running ? elapsed : action;
  const asks = running ? idleMinutes : null;
  if (asks !== null) {
    const idle = t('button_idle', asks);
    aria = t('button_idle_title', asks);
    title = aria;
    text = task ? `${idle} · ${task}` : idle;
  }
  put(host, 'data-state', state);
  put(button, 'aria-pressed', String(running));
  put(button, 'aria-label', aria);
  put(button, 'title', title);
  if (label.textContent !== text) label.textContent = text;
  if (asks !== null) put(host, 'data-prompt', 'idle');
  else host.removeAttribute('data-prompt');
}
