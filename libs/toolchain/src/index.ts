export { MissingToolError, pinnedVersion, toolPath, workspaceRoot } from './tool-path';
export type { ToolName } from './tool-path';
