import { describe, expect, it } from 'vitest';
import { renderFlowchart } from './mermaid-flowchart';

describe('Mermaid flowchart', () => {
  it('gives every node a unique id with a kind prefix, so no name becomes a Mermaid keyword', () => {
    const text = renderFlowchart({
      nodes: [
        { key: 'namespace:end', kind: 'namespace', lines: ['namespace end'] },
        { key: 'endpoint:a.b', kind: 'endpoint', lines: ['a.b'] },
        { key: 'endpoint:a-b', kind: 'endpoint', lines: ['a-b'] },
      ],
      edges: [],
    });
    expect(text).toContain('ext_a_b{{"a-b"}}');
    expect(text).toContain('ext_a_b_2{{"a.b"}}');
    expect(text).toContain('ns_end["namespace end"]');
  });

  it('writes quotes and angle brackets in labels as Mermaid entity codes', () => {
    const text = renderFlowchart({
      nodes: [{ key: 'endpoint:x', kind: 'endpoint', lines: ['say "hi" <b>#1</b>'] }],
      edges: [],
    });
    expect(text).toContain('ext_x{{"say #quot;hi#quot; #60;b#62;#35;1#60;/b#62;"}}');
  });

  it('boxes a namespace with its workloads and points ownership arrows at the box', () => {
    const text = renderFlowchart({
      nodes: [
        { key: 'application:core', kind: 'application', lines: ['core'] },
        { key: 'namespace:shop', kind: 'namespace', lines: ['namespace shop'] },
        { key: 'workload:shop/api', kind: 'workload', lines: ['api'], namespace: 'shop' },
      ],
      edges: [{ from: 'application:core', to: 'namespace:shop', label: '' }],
    });
    expect(text.split('\n').slice(0, 8)).toStrictEqual([
      'flowchart LR',
      '  subgraph argo_cd_applications["Argo CD Applications"]',
      '    app_core("core")',
      '  end',
      '  subgraph ns_shop["namespace shop"]',
      '    wl_shop_api["api"]',
      '  end',
      '  app_core --> ns_shop',
    ]);
  });
});
