// Captures, while an area renders, where in apps/ or libs/ each cdk8s ApiObject was created: the stack at the
// moment the object joins the construct tree, read through the runtime's source maps (tsx, vitest), cut to the
// workspace's own frames. Only ApiObjects pay for a stack; the hook is installed for the area's render only.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiObject } from 'cdk8s';
import { Node } from 'constructs';
import type { IConstruct } from 'constructs';

/** Workspace root: this file is libs/render-kit/src/construct-sources.ts. */
const WORKSPACE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The engine: frames from here outwards are not the area's code. */
const ENGINE_FILES = new Set(
  ['render-cluster', 'construct-sources', 'render-command', 'render-main'].map(
    (name) => `libs/render-kit/src/${name}.ts`,
  ),
);

/** How many workspace frames are kept: the creating line and a few callers. */
const MAX_FRAMES = 4;

export interface CreationSite {
  /** `apps/…/*.ts:line` of the innermost workspace frame. */
  readonly source: string;
  /** Outer workspace frames, innermost first. */
  readonly callers: readonly string[];
}

const FRAME = /\(?(?:file:\/\/)?(\/[^()]*?):(\d+):\d+\)?$/;

/** Workspace frames of a formatted stack, as `path:line`, innermost first, deduplicated. */
export function workspaceFrames(stack: string, root: string = WORKSPACE_ROOT): string[] {
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const path = relative(root, decodeURIComponent(match[1]!)).split(sep).join('/');
    // Frames outside the area's render (the engine and whoever called it) say nothing about the object.
    if (ENGINE_FILES.has(path)) {
      if (frames.length > 0) break;
      continue;
    }
    if (!/^(apps|libs)\//.test(path) || path.includes('node_modules/')) continue;
    const location = `${path}:${match[2]}`;
    if (frames[frames.length - 1] !== location) frames.push(location);
    if (frames.length === MAX_FRAMES) break;
  }
  return frames;
}

/**
 * Runs `render` and returns where each ApiObject created during it was created. Patches `Node.addChild` for the
 * duration only (constructs offers no creation hook), and restores it even when the render throws.
 */
export function captureCreationSites(render: () => void): Map<IConstruct, CreationSite> {
  const stacks = new Map<IConstruct, { stack?: string }>();
  // addChild is private in the typings: every construct joins its parent through it.
  const prototype = Node.prototype as unknown as { addChild: (this: Node, child: IConstruct, name: string) => void };
  const addChild = prototype.addChild;
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  prototype.addChild = function (this: Node, child: IConstruct, childName: string): void {
    // Not instanceof: ApiObject answers it by a marker its constructor sets after joining the tree, i.e. later.
    if (Object.prototype.isPrototypeOf.call(ApiObject.prototype, child)) {
      // The stack is formatted (and source-mapped) lazily, when read below.
      const holder: { stack?: string } = {};
      Error.captureStackTrace(holder);
      stacks.set(child, holder);
    }
    addChild.call(this, child, childName);
  };
  try {
    render();
  } finally {
    prototype.addChild = addChild;
    Error.stackTraceLimit = stackLimit;
  }
  const sites = new Map<IConstruct, CreationSite>();
  for (const [construct, holder] of stacks) {
    const [source, ...callers] = workspaceFrames(holder.stack ?? '');
    if (source !== undefined) sites.set(construct, { source, callers });
  }
  return sites;
}
