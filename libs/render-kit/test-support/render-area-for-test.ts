// One area rendered for one cluster without the render engine, the way its tests look at it: the area's chart
// (named and hashed as the engine names it) synthesized to plain objects, and a finder that names what is there.
import { App, Chart, Testing } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import type { RenderArea } from '../src/render-area';

/** A synthesized object; tests navigate `spec` freely, a wrong path fails the assertion anyway. */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
}

export function renderAreaForTest(area: RenderArea, ctx: ClusterContext): RenderedObject[] {
  const chart = new Chart(new App(), area.name, { disableResourceNameHashes: true });
  area.render(chart, ctx);
  return Testing.synth(chart) as RenderedObject[];
}

/** The object of that kind and name; throws naming the objects there are. */
export function findRendered(objects: readonly RenderedObject[], kind: string, name: string): RenderedObject {
  const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (object === undefined)
    throw new Error(`expected ${kind} ${name} among ${objects.map((o) => o.kind + '/' + o.metadata.name).join(', ')}`);
  return object;
}
