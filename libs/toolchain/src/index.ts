export { MissingToolError, pinnedVersion, toolPath, toolSharedFile, workspaceRoot } from './tool-path';
export type { ToolName } from './tool-path';
export { createWorkspaceCopy } from './workspace-copy';
export type { WorkspaceCopy, WorkspaceCopyOptions } from './workspace-copy';
