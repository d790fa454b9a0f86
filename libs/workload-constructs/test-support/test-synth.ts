// Test-only (not in the production inputs, not exported): synthesizes what `build` adds to a fresh chart in namespace `go-coffee`.
import { Chart, Testing } from 'cdk8s';
import type { Manifest } from '@go-coffee/kube-objects';

export function synthIn(build: (chart: Chart) => void): Manifest[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'go-coffee' });
  build(chart);
  return Testing.synth(chart) as Manifest[];
}
