// Process entry of `npm run render` (bin/render.mjs); see render-all.ts for flags and exit codes.
import { launchMain } from '@go-coffee/cli';
import { renderAll } from './render-all';

await launchMain(renderAll, { tool: '', unexpectedExitCode: 3 });
