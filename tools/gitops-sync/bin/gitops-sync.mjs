#!/usr/bin/env node
// Bin of this tool: runs src/main.ts through the workspace's one launcher (libs/cli/launch-tool.mjs),
// from a cached esbuild bundle: a drift run is latency-sensitive (npm run bench:drift) and tsx's
// on-the-fly compilation would dominate its start-up.
import { launchTool } from '../../../libs/cli/launch-tool.mjs';

await launchTool(import.meta.url, { bundle: true });
