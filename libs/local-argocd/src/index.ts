// Public entry point of @go-coffee/local-argocd: a real Argo CD on a local control plane, its Git server and
// chart repository on loopback, and the private network namespace they run in.
export { ARGOCD_CRD_FILES, ARGOCD_NAMESPACE, CONTROLLER_CMD_PARAMS_ENV, startLocalArgoCd } from './local-argocd';
export type { LocalArgoCd, LocalArgoCdController, LocalArgoCdOptions } from './local-argocd';
export { startGitServer } from './git-server';
export type { GitServer } from './git-server';
export { serveChartRepository } from './chart-repository';
export type { ChartRepository } from './chart-repository';
export { inPrivateNetwork, PrivateNetworkError, runInPrivateNetwork } from './private-network';
