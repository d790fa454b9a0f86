// npm run drift:openapi — records the OpenAPI semantics of every built-in kind (types, int-or-string,
// quantities, list merge keys, meaningful empty selectors, schema defaults) from a real kube-apiserver's
// /openapi/v3 into libs/drift/src/generated/kube-openapi-semantics.json. Run it after a kube-apiserver
// version bump in tools/toolchain/versions.json; openapi-semantics.live.test.ts fails until the recording
// matches the server. Prerequisite: `npm run toolchain` (etcd, kube-apiserver).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format } from 'prettier';
import { isBuiltInGroup } from '@go-coffee/kube-objects';
import { recordBuiltInSemantics } from '@go-coffee/drift';
import { startLocalCluster } from '@go-coffee/local-cluster';

const OUT = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'libs',
  'drift',
  'src',
  'generated',
  'kube-openapi-semantics.json',
);

const cluster = await startLocalCluster();
try {
  const get = async (path: string) => {
    const r = await cluster.request('admin', 'GET', path);
    return { status: r.status, body: JSON.parse(r.body) as unknown };
  };
  const recorded = await recordBuiltInSemantics(get, isBuiltInGroup);
  const text = await format(JSON.stringify(recorded), { parser: 'json' });
  writeFileSync(OUT, text);
  console.log(
    `drift:openapi kinds=${Object.keys(recorded.kinds).length} schemas=${Object.keys(recorded.schemas).length} source="${recorded.source}" -> ${OUT}`,
  );
} finally {
  await cluster.stop();
}
