import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from './prometheus-samples';

describe('Prometheus text samples', () => {
  it('reads names, unescaped labels and values, skipping comments', () => {
    const text = [
      '# HELP argocd_cluster_info Information about cluster.',
      '# TYPE argocd_cluster_info gauge',
      'argocd_cluster_info{k8s_version="1.34",name="dev-aws-us-west-2",server="https://127.0.0.1:6443"} 1',
      'argocd_app_info{name="root",repo="git://x/\\"q\\".git"} 1',
      'go_goroutines 42',
      '',
    ].join('\n');
    expect(parsePrometheusText(text)).toStrictEqual([
      {
        name: 'argocd_cluster_info',
        labels: { k8s_version: '1.34', name: 'dev-aws-us-west-2', server: 'https://127.0.0.1:6443' },
        value: 1,
      },
      { name: 'argocd_app_info', labels: { name: 'root', repo: 'git://x/"q".git' }, value: 1 },
      { name: 'go_goroutines', labels: {}, value: 42 },
    ]);
  });

  it('rejects a line that is not a sample', () => {
    expect(() => parsePrometheusText('<html>not metrics</html>')).toThrow(/not a Prometheus sample line/);
  });
});
