// Public entry point of the core-services app: its render area, wired into the render engine.
export { coreServicesArea } from './core-services-area';
export { CORE_SERVICES } from './core-service-catalog';
export type { CoreServiceName, CoreServiceSpec } from './core-service-catalog';
export { GATEWAY_ROUTES } from './gateway-routes';
