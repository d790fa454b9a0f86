export { MissingToolError, pinnedVersion, toolPath, workspaceRoot } from './tool-path';
export type { ToolName } from './tool-path';
export { createWorkspaceCopy } from './workspace-copy';
export type { WorkspaceCopy, WorkspaceCopyOptions } from './workspace-copy';
