export { MissingToolError, pinnedVersion, toolPath, toolSharedFile } from './tool-path';
// The one workspace-root finder lives in @go-coffee/cli; exported here too for the tool-path callers.
export { workspaceRoot } from '@go-coffee/cli';
export type { ToolName } from './tool-path';
export { createWorkspaceCopy } from './workspace-copy';
export type { WorkspaceCopy, WorkspaceCopyOptions } from './workspace-copy';
