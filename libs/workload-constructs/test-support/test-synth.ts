// Test-only (not in the production inputs, not exported): synthesizes what `build` adds to a fresh chart in namespace `go-coffee`.
import { Chart, Testing } from 'cdk8s';

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
};

export function synthIn(build: (chart: Chart) => void): Manifest[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'go-coffee' });
  build(chart);
  return Testing.synth(chart) as Manifest[];
}
