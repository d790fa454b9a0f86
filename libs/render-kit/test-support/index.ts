// Test-only entry point @go-coffee/render-kit/test-support: an area rendered for one cluster without the engine,
// for the areas' own tests. Kept out of the public entry so production code cannot reach it.
export { findRendered, renderAreaForTest } from './render-area-for-test';
export type { RenderedObject } from './render-area-for-test';
