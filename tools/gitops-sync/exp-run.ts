import { KubeApiClient, loadKubeconfig, loadRenderedTree, detectClusterDrift, loadIgnoreRules, formatDriftReport } from '@go-coffee/drift';
import { readFileSync } from 'node:fs';
const c = JSON.parse(readFileSync('/tmp/exp/cluster.json','utf8'));
const client = new KubeApiClient(loadKubeconfig({ paths: [c.admin] }));
const report = await detectClusterDrift({ desired: loadRenderedTree(process.argv[2]!), reader: client, ignoreRules: loadIgnoreRules() });
process.stdout.write(formatDriftReport(report, { title: 'x' }, (process.argv[3] as 'text') ?? 'text'));
client.close();
