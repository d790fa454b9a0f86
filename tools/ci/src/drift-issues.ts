// What the drift job does to the repository's issues after one cluster's check, as a plan of actions:
// one issue per cluster for drift (label `drift`) and a separate one for a check that gave no verdict
// (label `drift-check-failing`), so a broken drift job is noticed instead of looking like "no drift".
//   exit 0 in sync   close both issues that are open
//   exit 1 drift     open or update the drift issue; close the failing-check issue (the check works)
//   other (error)    open or update the failing-check issue; the drift issue stays as it is (unknown)

export const DRIFT_LABEL = 'drift';
export const CHECK_FAILING_LABEL = 'drift-check-failing';

export const driftIssueTitle = (cluster: string): string => `Drift: ${cluster}`;
export const checkFailingIssueTitle = (cluster: string): string => `Drift check failing: ${cluster}`;

export type IssueAction =
  | { readonly kind: 'create'; readonly title: string; readonly label: string; readonly body: string }
  | { readonly kind: 'edit'; readonly number: number; readonly body: string }
  | { readonly kind: 'close'; readonly number: number; readonly comment: string };

export interface DriftOutcome {
  readonly cluster: string;
  /** gitops-sync drift's exit code: 0 in sync, 1 drift, anything else no verdict. */
  readonly status: number;
  /** gitops-sync's Markdown report (drift) or its error output (no verdict). */
  readonly report: string;
  readonly runUrl: string;
  /** Open issues found by exact title. */
  readonly open: { readonly drift?: number; readonly checkFailing?: number };
}

/** GitHub rejects issue bodies over 65536 characters. */
const MAX_BODY = 60_000;

const cut = (text: string): string =>
  text.length <= MAX_BODY
    ? text
    : `${text.slice(0, MAX_BODY)}\n\n… cut at ${MAX_BODY} characters; the run has all of it.`;

export function planDriftIssues(outcome: DriftOutcome): IssueAction[] {
  const { cluster, status, runUrl, open } = outcome;
  const actions: IssueAction[] = [];
  const upsert = (number: number | undefined, title: string, label: string, body: string) =>
    actions.push(number === undefined ? { kind: 'create', title, label, body } : { kind: 'edit', number, body });
  const close = (number: number | undefined, comment: string) => {
    if (number !== undefined) actions.push({ kind: 'close', number, comment });
  };
  if (status === 0) {
    close(open.drift, `Back in sync ([run](${runUrl})).`);
    close(open.checkFailing, `The drift check runs again ([run](${runUrl})).`);
  } else if (status === 1) {
    upsert(
      open.drift,
      driftIssueTitle(cluster),
      DRIFT_LABEL,
      cut(`Live state of \`${cluster}\` differs from \`gitops/${cluster}\` ([run](${runUrl})).\n\n${outcome.report}`),
    );
    close(open.checkFailing, `The drift check runs again ([run](${runUrl})).`);
  } else {
    upsert(
      open.checkFailing,
      checkFailingIssueTitle(cluster),
      CHECK_FAILING_LABEL,
      cut(
        `The drift check of \`${cluster}\` gave no verdict (gitops-sync exit ${status}, [run](${runUrl})), so ` +
          'drift on this cluster goes unnoticed until it is fixed: check the credentials, the drift identity ' +
          `and the cluster's reachability.\n\n\`\`\`\n${outcome.report.trim()}\n\`\`\`\n`,
      ),
    );
  }
  return actions;
}
