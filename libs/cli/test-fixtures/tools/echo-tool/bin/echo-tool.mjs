#!/usr/bin/env node
// Fixture bin, launched exactly like every tool's bin.
import { launchTool } from '../../../../launch-tool.mjs';

await launchTool(import.meta.url, { bundle: process.env.ECHO_TOOL_BUNDLE === 'true' });
