// The render engine and the drift tool read one rules file and expand it against the same tree. This checks the
// committed tree: every child Application's ignoreDifferences is exactly what the drift tool's expansion gives
// for the objects that Application owns, so Argo CD and `gitops-sync drift` hide the same fields.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRenderedTree } from '@go-coffee/drift';
import { ownTrackingId } from '@go-coffee/kube-objects';
import { argoIgnoreDifferences, expandIgnoreRules, loadIgnoreRules, type IgnoreEntry } from '@go-coffee/ignore-rules';

interface RenderedApplication {
  kind?: string;
  metadata: { name: string };
  spec?: {
    source?: { path?: string };
    ignoreDifferences?: { kind: string; namespace?: string; name: string }[];
  };
}

const GITOPS = resolve(import.meta.dirname, '..', '..', '..', 'gitops');
const clusters = readdirSync(GITOPS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe.each(clusters)('committed cluster folder %s', (cluster) => {
  const desired = loadRenderedTree(join(GITOPS, cluster));
  const entries = expandIgnoreRules(
    loadIgnoreRules(),
    desired.map((m) => m.object),
  );
  const owner = new Map(
    desired.map((m) => {
      const { group, kind, namespace, name, application } = ownTrackingId(m.object) ?? {};
      return [`${group}/${kind}/${namespace}/${name}`, application];
    }),
  );
  const children = desired
    .map((m) => m.object as unknown as RenderedApplication)
    .filter((o) => o.kind === 'Application' && String(o.spec?.source?.path ?? '').startsWith(`gitops/${cluster}/`));

  it('gives each child Application the entries the drift tool expands for the objects it owns', () => {
    expect(children.length).toBeGreaterThan(0);
    for (const app of children) {
      const own = entries.filter(
        (e: IgnoreEntry) => owner.get(`${e.group}/${e.kind}/${e.namespace}/${e.name}`) === app.metadata.name,
      );
      expect(app.spec?.ignoreDifferences ?? [], app.metadata.name).toStrictEqual(argoIgnoreDifferences(own));
    }
  });

  it('ignores replicas only of Deployments an HPA or ScaledObject targets, and of every such Deployment', () => {
    const targeted = new Set<string>();
    for (const { object } of desired) {
      const ref = (object.spec as { scaleTargetRef?: { name?: string } } | undefined)?.scaleTargetRef;
      if ((object.kind === 'HorizontalPodAutoscaler' || object.kind === 'ScaledObject') && ref?.name)
        targeted.add(`${String(object.metadata?.namespace)}/${ref.name}`);
    }
    const ignored = children
      .flatMap((app) => app.spec?.ignoreDifferences ?? [])
      .filter((e) => e.kind === 'Deployment')
      .map((e) => `${e.namespace}/${e.name}`);
    expect(ignored.length).toBeGreaterThan(0);
    expect(ignored.sort()).toStrictEqual([...targeted].sort());
  });
});
