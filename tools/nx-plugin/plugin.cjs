// The entry Nx loads for the workspace's local plugin (nx.json `plugins`): it infers every area's Nx project
// from the area's declaration (src/infer-area-projects.ts), and runs the `area` generator (generators.json). On Node 20, Nx can load a TypeScript plugin only
// through swc-node or ts-node, which this workspace does not install; it runs its TypeScript with tsx, so this
// shim compiles the plugin with tsx's namespaced require, which leaves Nx's own module loading untouched.
/* global require, module, __filename -- a CommonJS module, which is what Nx require()s */
/* eslint-disable @typescript-eslint/no-require-imports -- see above */
const { register } = require('tsx/cjs/api');

const tsx = register({ namespace: 'go-coffee-nx-plugin' });
const { inferAreaProjects } = tsx.require('./src/infer-area-projects.ts', __filename);

/** Loads a declaration module afresh, so a long-running Nx daemon sees edits to it. */
function loadDeclarationModule(path) {
  for (const key of Object.keys(require.cache)) {
    if (key.split('?')[0] === path) delete require.cache[key];
  }
  return tsx.require(path, __filename);
}

/** The `area` generator (generators.json), loaded only when it runs. */
function areaGenerator(tree, options) {
  return tsx.require('./src/new-area-generator.ts', __filename).newAreaGenerator(tree, options);
}

module.exports = { createNodesV2: inferAreaProjects(loadDeclarationModule), areaGenerator };
