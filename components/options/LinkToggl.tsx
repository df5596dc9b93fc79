import { LinkWorkspaces } from './LinkWorkspaces';

/** Link Toggl Track: API token, workspace. */
export function LinkToggl() {
  return <LinkWorkspaces provider="toggl" title="link_toggl_title" help="toggl_help" tokenLabel="api_token" linked="toggl_linked" />;
}
