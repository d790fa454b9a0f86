// The PR report of an image bump carries, per changed cluster, a picture of what changed that the real Mermaid
// renders (Debian's headless Chromium): the bumped Deployment, marked changed, under its Application.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMermaidInChromium } from '@go-coffee/cluster-diagram';
import { readGitopsSnapshot } from './gitops-snapshot';
import type { GitopsSnapshot } from './gitops-snapshot';
import { renderMarkdown } from './report-markdown';
import { buildReportModel } from './report-model';
import type { SideInfo } from './report-model';

const workspaceRoot = resolve(import.meta.dirname, '../../..');
const BUMPED = 'gitops/prod-aws-us-east-1/core-services/deployment-go-coffee-api-gateway.yaml';

/** The committed tree with api-gateway's image moved to 9.9.9 in one prod cluster: a one-file image bump. */
function imageBump(base: GitopsSnapshot): GitopsSnapshot {
  const head = new Map(base);
  const file = base.get(BUMPED)!;
  head.set(BUMPED, { ...file, text: file.text.replace(/(image: ghcr\.io\/go-coffee\/api-gateway:)\S+/, '$19.9.9') });
  return head;
}

const side = (ref: string, snapshot: GitopsSnapshot): SideInfo => ({
  ref,
  commit: `${ref}0000000`,
  tree: 'committed',
  snapshot,
  exceptions: [],
});

describe('PR report picture', () => {
  it('draws an image bump as the changed Deployment under its Application, and Mermaid renders it', async () => {
    // GIVEN the committed tree and the same tree with one image bumped
    const base = readGitopsSnapshot(workspaceRoot);
    const head = imageBump(base);
    expect(head.get(BUMPED)!.text).not.toBe(base.get(BUMPED)!.text);
    // WHEN the report is written
    const markdown = renderMarkdown(
      buildReportModel(side('base', base), side('head', head), ['dev', 'staging', 'prod']),
    );
    // THEN the changed cluster's section carries one picture
    const pictures = [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
    expect(pictures).toHaveLength(1);
    expect(markdown).toContain('**Picture** — 1 changed · 0 added · 0 removed');
    const picture = pictures[0]!;
    expect(picture).toMatch(
      /wl_go_coffee_api_gateway\["api-gateway<br\/>Deployment<br\/>api-gateway: \S+ → 9\.9\.9"\]/,
    );
    expect(picture).toContain('class wl_go_coffee_api_gateway changed');
    expect(picture).toMatch(/class [^\n]*app_core_services[^\n]* context/);
    expect(picture).toContain('app_core_services --> ns_go_coffee');
    // AND the real Mermaid renders it
    const [result] = await renderMermaidInChromium([{ name: 'image bump', text: picture }]);
    expect(result!.error).toBeUndefined();
  }, 120_000);
});
