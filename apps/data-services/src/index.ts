// Entry point of the data-services cdk8s app: the RenderArea the render engine calls once per cluster.
import type { RenderArea } from '@go-coffee/render-kit';
import { dataServicesDeclaration } from './area';
import { renderDataServices } from './data-services-area';

export const dataServicesArea: RenderArea = { ...dataServicesDeclaration, render: renderDataServices };
