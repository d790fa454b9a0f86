// Captures, while an area renders, where in apps/ or libs/ each cdk8s ApiObject was created: the call sites at
// the moment the object joins the construct tree, cut to the workspace's own frames and mapped to TypeScript
// lines through the runtime's source maps. Only ApiObjects pay for a capture, and only as structured call sites
// (formatting a whole stack per object would cost the render about ten times more); the hook is installed for
// the area's render only.
import { findSourceMap } from 'node:module';
import type { SourceMap } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ApiObject } from 'cdk8s';
import { Node } from 'constructs';
import type { IConstruct } from 'constructs';

/** Workspace root: this file is libs/render-kit/src/construct-sources.ts. */
const WORKSPACE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const WORKSPACE_PATH = `${WORKSPACE_ROOT}${sep}`;
const WORKSPACE_URL = pathToFileURL(WORKSPACE_PATH).href;

/** The engine: frames from here outwards are not the area's code. */
const ENGINE_FILES = new Set(
  ['render-cluster', 'construct-sources', 'render-command', 'render-main'].map(
    (name) => `libs/render-kit/src/${name}.ts`,
  ),
);

/**
 * Frames captured per object, counted from the caller of the ApiObject constructor: the four frames above it
 * (Node.addChild, the Node and Construct constructors, ApiObject's) are never captured. Capture cost grows with
 * depth (about 5 µs a frame on the CI machine); the area's own frames lie within these 12 below cdk8s and
 * cdk8s-plus (checked by render --check: a shallower capture changes the committed source map).
 */
const CAPTURE_DEPTH = 12;

/** How many workspace frames are kept: the creating line and a few callers. */
const MAX_FRAMES = 4;

export interface CreationSite {
  /** `apps/…/*.ts:line` of the innermost workspace frame. */
  readonly source: string;
  /** Outer workspace frames, innermost first. */
  readonly callers: readonly string[];
}

const FRAME = /\(?(?:file:\/\/)?(\/[^()]*?):(\d+):\d+\)?$/;

/** What a frame's file is to the workspace: an area or library file, the engine, or anything else. */
function classify(path: string): 'workspace' | 'engine' | 'other' {
  if (ENGINE_FILES.has(path)) return 'engine';
  return /^(apps|libs)\//.test(path) && !path.includes('node_modules/') ? 'workspace' : 'other';
}

/** Workspace frames of a formatted stack, as `path:line`, innermost first, deduplicated, up to the engine. */
export function workspaceFrames(stack: string, root: string = WORKSPACE_ROOT): string[] {
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const path = relative(root, decodeURIComponent(match[1]!)).split(sep).join('/');
    const kind = classify(path);
    // Frames outside the area's render (the engine and whoever called it) say nothing about the object.
    if (kind === 'engine') {
      if (frames.length > 0) break;
      continue;
    }
    if (kind === 'other') continue;
    const location = `${path}:${match[2]}`;
    if (frames[frames.length - 1] !== location) frames.push(location);
    if (frames.length === MAX_FRAMES) break;
  }
  return frames;
}

type Prepare = typeof Error.prepareStackTrace;

/**
 * Workspace frames of captured call sites. Mapped through the source map Node keeps for each module (tsx
 * registers one per TypeScript file); when a file has none (a test runner that evaluates code itself), the
 * sites are formatted by the runtime's own stack formatter, which maps them, and parsed like a stack.
 */
function framesOf(
  sites: readonly NodeJS.CallSite[],
  format: Prepare,
  maps: Map<string, SourceMap | undefined>,
): string[] {
  const frames: string[] = [];
  for (const site of sites) {
    const fileName = site.getFileName();
    // Most frames are cdk8s, constructs or node internals: a prefix test before any path arithmetic.
    if (!fileName || !(fileName.startsWith(WORKSPACE_PATH) || fileName.startsWith(WORKSPACE_URL))) continue;
    const absolute = fileName.startsWith('file://') ? fileURLToPath(fileName) : fileName;
    const path = relative(WORKSPACE_ROOT, absolute).split(sep).join('/');
    const kind = classify(path);
    if (kind === 'engine') {
      if (frames.length > 0) break;
      continue;
    }
    if (kind === 'other') continue;
    if (!maps.has(fileName)) maps.set(fileName, findSourceMap(fileName));
    const map = maps.get(fileName);
    if (!map) {
      return format ? workspaceFrames(String(format(new Error(), sites as NodeJS.CallSite[]))) : [];
    }
    const entry = map.findEntry((site.getLineNumber() ?? 1) - 1, (site.getColumnNumber() ?? 1) - 1) as {
      originalLine?: number;
    };
    if (entry.originalLine === undefined) continue;
    const location = `${path}:${entry.originalLine + 1}`;
    if (frames[frames.length - 1] !== location) frames.push(location);
    if (frames.length === MAX_FRAMES) break;
  }
  return frames;
}

const structured: Prepare = (_error, sites) => sites;

/**
 * Runs `render` and returns where each ApiObject created during it was created. Patches `Node.addChild` for the
 * duration only (constructs offers no creation hook), and restores it even when the render throws.
 */
export function captureCreationSites(render: () => void): Map<IConstruct, CreationSite> {
  const captured = new Map<IConstruct, NodeJS.CallSite[]>();
  // addChild is private in the typings: every construct joins its parent through it.
  const prototype = Node.prototype as unknown as { addChild: (this: Node, child: IConstruct, name: string) => void };
  const addChild = prototype.addChild;
  const stackLimit = Error.stackTraceLimit;
  const format = Error.prepareStackTrace;
  prototype.addChild = function (this: Node, child: IConstruct, childName: string): void {
    // Not instanceof: ApiObject answers it by a marker its constructor sets after joining the tree, i.e. later.
    if (Object.prototype.isPrototypeOf.call(ApiObject.prototype, child)) {
      // Call sites only, for this one capture: the area's own errors keep their formatted stacks.
      const holder: { stack?: unknown } = {};
      Error.prepareStackTrace = structured;
      Error.stackTraceLimit = CAPTURE_DEPTH;
      // From the caller of `new ApiObject` (or of its subclass's super call) outwards.
      Error.captureStackTrace(holder, ApiObject);
      // Read now: V8 prepares the stack on first access, with whatever formatter is installed then.
      const callSites = holder.stack as NodeJS.CallSite[];
      Error.prepareStackTrace = format;
      Error.stackTraceLimit = stackLimit;
      captured.set(child, callSites);
    }
    addChild.call(this, child, childName);
  };
  try {
    render();
  } finally {
    prototype.addChild = addChild;
    Error.prepareStackTrace = format;
    Error.stackTraceLimit = stackLimit;
  }
  const maps = new Map<string, SourceMap | undefined>();
  const sites = new Map<IConstruct, CreationSite>();
  for (const [construct, callSites] of captured) {
    const [source, ...callers] = framesOf(callSites, format, maps);
    if (source !== undefined) sites.set(construct, { source, callers });
  }
  return sites;
}
