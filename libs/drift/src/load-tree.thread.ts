// Entry of a tree loader thread in a tool's bundle (libs/cli/launch-tool.mjs bundles every library's
// `*.thread.ts` as `<lib>.<name>.thread.mjs`): it loads the loader and what the loader imports, not the tool.
import './load-tree-in-threads';
