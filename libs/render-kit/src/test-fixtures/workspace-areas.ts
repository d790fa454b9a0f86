// The workspace's real area declarations (apps/*/src/area.ts), loaded by path as the render command loads them,
// and RenderAreas with those declarations for engine tests that render objects of their own.
import { workspaceRoot } from '@go-coffee/cli';
import type { Chart } from 'cdk8s';
import type { ClusterContext } from '@go-coffee/environments';
import { loadAreaLayout } from '../area-modules';
import type { RenderArea } from '../render-area';

export const workspaceLayout = await loadAreaLayout(workspaceRoot());

/** A RenderArea with the declaration of the workspace's area `name` and the given render functions. */
export function declaredArea(
  name: string,
  render: (chart: Chart, ctx: ClusterContext) => void,
  renderApplications?: (chart: Chart, ctx: ClusterContext) => void,
): RenderArea {
  return { ...workspaceLayout.area(name), render, ...(renderApplications ? { renderApplications } : {}) };
}
