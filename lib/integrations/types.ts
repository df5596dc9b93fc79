/**
 * An integration is data: one plain object per site, listed in the registry (./index.ts).
 * Everything here is pure: functions of the URL and the DOM, no side effects, no network.
 */

/** What a task page tells us about the task. Page text is data: never HTML. */
export interface TaskInfo {
  /** Stable id of the task inside its integration, e.g. `octo/repo#12`, `PROJ-42`. */
  id: string;
  /** Human title (may be empty when the DOM has not rendered it yet). */
  title: string;
  /** Canonical link back to the task. */
  url: string;
  /** Group the task belongs to (repository, board, Jira project…), for "remember last project". */
  groupId?: string;
  groupName?: string;
  /** A meeting's time (calendar events): its date when all-day, else its start and end in epoch ms. */
  span?: { day: string } | { start: number; end: number };
}

export interface ExampleUrl {
  url: string;
  /** The task id this integration must yield for the URL, or null when it must NOT claim it. */
  taskId: string | null;
}

export type Placement = 'before' | 'after' | 'append' | 'prepend';

export interface Integration {
  /** Short stable id, used in `data-integration` and in timer keys (`id:taskId`). */
  id: string;
  name: string;
  /** Match patterns (manifest syntax) of the hosted service; self-hosted domains are added at runtime. */
  matches: string[];
  /** Site type that users may add on their own domain (GitLab, Jira DC, Redmine, Gitea…). */
  selfHosted?: boolean;
  /** Sample URLs with the task id each must yield (null: must not be claimed). Tested for every entry. */
  exampleUrls: ExampleUrl[];
  /**
   * The task shown for this URL (+ DOM, + the anchor the button sits at for multi-task pages), or null
   * when this page is not a task of this integration. URL first: the id and group come from the URL
   * wherever the site puts them there; the DOM only refines the title.
   */
  task(url: URL, doc: ParentNode, anchor?: Element): TaskInfo | null;
  /**
   * Selector alternatives for the element the button sits next to, most stable first (`data-testid`, ARIA,
   * ids). Each alternative has a comment naming the layout it serves. The first one that matches wins.
   */
  anchor: string[];
  placement: Placement;
  /**
   * How the site writes a task page's `document.title` (and `og:title`); the first group is the task's title,
   * e.g. GitHub's `Title · Issue #12 · owner/repo`. A title that does not match names no task (an app shell's
   * "Jira" while the issue loads). Without it: the text before a trailing ` - <name>` (or `|`, `·`, `–`, `—`).
   */
  pageTitle?: RegExp;
  /** Pages that show many tasks at once (generic markup, boards): one button per matching anchor. */
  multiple?: boolean;
  /**
   * Many-task pages whose anchors come and go with the pointer (a chat's hover actions, moving at every frame
   * while the list scrolls under it): the task's id alone, from the URL and the anchor, reading no text. The
   * button is placed by it; the whole task (title, link) is read when the button is pointed at or clicked.
   */
  taskId?(url: URL, anchor?: Element): string | null;
  /**
   * Many-task pages whose anchors exist only under the pointer or keyboard focus (a chat's hover actions, moving at
   * every frame while a list scrolls under a still pointer): placed from the pointer and focus events, never looked
   * for by watching the page. `row`: the task's element, found from the event's target; `anchor`: those of the
   * integration's `anchor` alternatives that show inside the row while it is hovered or focused. The other
   * alternatives (an open thread's header) are watched for only while the URL names a task (`taskId` without an
   * anchor).
   */
  hover?: { row: string; anchor: string[] };
}
