import { KubeApiClient, loadKubeconfig, loadRenderedTree, normalizeObject, compareObjects, FieldOwnership, refOf, describeRef } from '@go-coffee/drift';
import { readFileSync } from 'node:fs';
const c = JSON.parse(readFileSync('/tmp/exp/cluster.json','utf8'));
const client = new KubeApiClient(loadKubeconfig({ paths: [c.admin] }));
for (const m of loadRenderedTree(process.argv[2]!)) {
  const ref = refOf(m.object);
  const res = await client.resourceFor(m.object.apiVersion!, ref.kind);
  const path = `${m.object.apiVersion!.includes('/') ? '/apis/' : '/api/'}${m.object.apiVersion}${res!.namespaced ? `/namespaces/${ref.namespace}` : ''}/${res!.resource}/${ref.name}`;
  const live = (await client.get(path)).body as Record<string, unknown>;
  const all = new FieldOwnership([{ manager: 'everyone', fieldsType: 'FieldsV1', fieldsV1: Object.fromEntries(Object.keys(live).map(k => [`f:${k}`, {}])) }]);
  const { differences } = compareObjects(normalizeObject(m.object), normalizeObject(live), all);
  for (const d of differences) console.log(describeRef(ref), d.change, d.path, JSON.stringify(d.desired), JSON.stringify(d.live));
}
client.close();
