// What the core-services area declares about itself (render-kit's AreaDeclaration); types only, so Nx reads it cheaply.
import type { AreaDeclaration } from '@go-coffee/render-kit';

export const coreServicesDeclaration: AreaDeclaration = {
  name: 'core-services',
  namespace: 'go-coffee',
  // The workloads' last wave, which the root does not wait on.
  syncWave: 0,
  // Web3 payments have an Application of their own, so prod syncs them by hand without freezing the other services.
  carveOuts: [{ application: 'web3-payment', fileGlob: '*web3-payment-service*' }],
  project: {
    description: 'API gateway and the Go Coffee services behind it.',
  },
};
