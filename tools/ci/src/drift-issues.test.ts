import { describe, expect, it } from 'vitest';
import { planDriftIssues, type DriftOutcome } from './drift-issues';

const run = 'https://github.com/go-coffee/go-coffee-gitops/actions/runs/1';
const outcome = (status: number, open: DriftOutcome['open'], report = '## 1 object drifted'): DriftOutcome => ({
  cluster: 'prod-aws-us-east-1',
  status,
  report,
  runUrl: run,
  open,
});

describe('drift issue plan', () => {
  it('opens a drift issue for a drifting cluster that has none', () => {
    expect(planDriftIssues(outcome(1, {}))).toStrictEqual([
      {
        kind: 'create',
        title: 'Drift: prod-aws-us-east-1',
        label: 'drift',
        body: `Live state of \`prod-aws-us-east-1\` differs from \`gitops/prod-aws-us-east-1\` ([run](${run})).\n\n## 1 object drifted`,
      },
    ]);
  });

  it('updates the open drift issue on drift and closes a failing-check issue, since the check works again', () => {
    expect(
      planDriftIssues(outcome(1, { drift: 7, checkFailing: 9 })).map((a) => [a.kind, 'number' in a && a.number]),
    ).toStrictEqual([
      ['edit', 7],
      ['close', 9],
    ]);
  });

  it('closes both issues when the cluster is back in sync', () => {
    expect(planDriftIssues(outcome(0, { drift: 7, checkFailing: 9 }))).toStrictEqual([
      { kind: 'close', number: 7, comment: `Back in sync ([run](${run})).` },
      { kind: 'close', number: 9, comment: `The drift check runs again ([run](${run})).` },
    ]);
    expect(planDriftIssues(outcome(0, {}))).toStrictEqual([]);
  });

  it('opens a distinct "drift check failing" issue on an error and leaves the drift issue as it is', () => {
    const actions = planDriftIssues(
      outcome(2, { drift: 7 }, 'gitops-sync: kubeconfig context "prod-aws-us-east-1": Unauthorized\n'),
    );
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      kind: 'create',
      title: 'Drift check failing: prod-aws-us-east-1',
      label: 'drift-check-failing',
    });
    expect(actions[0]!.kind === 'create' && actions[0]!.body).toContain(
      '```\ngitops-sync: kubeconfig context "prod-aws-us-east-1": Unauthorized\n```',
    );
    expect(planDriftIssues(outcome(2, { checkFailing: 9 }))).toMatchObject([{ kind: 'edit', number: 9 }]);
  });

  it('cuts a report longer than GitHub allows in an issue body', () => {
    const [action] = planDriftIssues(outcome(1, {}, 'x'.repeat(70_000)));
    expect(action!.kind === 'create' && action!.body.length).toBeLessThan(65_536);
    expect(action!.kind === 'create' && action!.body).toMatch(/cut at 60000 characters; the run has all of it\.$/);
  });
});
