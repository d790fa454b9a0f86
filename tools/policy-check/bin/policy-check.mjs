#!/usr/bin/env node
// Bin of this tool: runs src/main.ts through the workspace's one launcher (libs/cli/launch-tool.mjs).
import { launchTool } from '../../../libs/cli/launch-tool.mjs';

await launchTool(import.meta.url);
