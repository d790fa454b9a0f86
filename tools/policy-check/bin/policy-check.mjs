#!/usr/bin/env node
// Bin of this tool: runs src/main.ts through the workspace's one launcher (libs/cli/launch-tool.mjs), as a cached
// esbuild bundle: the gate runs on every push, and the tsx loader cost it about 0.3 s of start-up each time.
import { launchTool } from '../../../libs/cli/launch-tool.mjs';

await launchTool(import.meta.url, { bundle: true });
