import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from '@go-coffee/toolchain';
import { STICKY_MARKER, stickyCommentBody } from './sticky-comment';

const run = 'https://github.com/go-coffee/go-coffee-gitops/actions/runs/2';
const head = '0123456789abcdef0123456789abcdef01234567';

describe('sticky report comment', () => {
  it('is the report when the report step succeeded', () => {
    const comment = `${STICKY_MARKER}\n# Pull request report\n`;
    expect(stickyCommentBody({ reportOutcome: 'success', comment, headSha: head, runUrl: run })).toBe(comment);
  });

  it('replaces the previous report with a "report failed" notice when the report step failed', () => {
    const body = stickyCommentBody({ reportOutcome: 'failure', headSha: head, runUrl: run });
    expect(body).toBe(
      `${STICKY_MARKER}\n## Pull request report failed\n\n` +
        "No report for 0123456789ab: the report step's outcome was `failure`. The report of an earlier head was " +
        `removed so it cannot be mistaken for this one. See [the run](${run}) for the error; push again or re-run the job.\n`,
    );
  });

  it('does not post a stale comment file left by a failed step, nor one without the marker', () => {
    const stale = `${STICKY_MARKER}\n# old report\n`;
    expect(stickyCommentBody({ reportOutcome: 'cancelled', comment: stale, headSha: head, runUrl: run })).toContain(
      '## Pull request report failed',
    );
    expect(
      stickyCommentBody({ reportOutcome: 'success', comment: '# no marker\n', headSha: head, runUrl: run }),
    ).toContain('wrote no comment starting with the report marker');
  });

  it('uses the same marker pr-report writes, so it finds the comment to replace', () => {
    const source = readFileSync(join(workspaceRoot(), 'tools/pr-report/src/report-markdown.ts'), 'utf8');
    expect(source).toContain(`export const REPORT_MARKER = '${STICKY_MARKER}';`);
  });
});
