// Entry point of the observability cdk8s app: the RenderArea the render engine calls once per cluster.
import type { RenderArea } from '@go-coffee/render-kit';
import { observabilityDeclaration } from './area';
import { renderObservability } from './observability-area';

export const observabilityArea: RenderArea = { ...observabilityDeclaration, render: renderObservability };
