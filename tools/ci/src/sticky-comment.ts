// The pull request's one sticky report comment. It always describes the current head: when the report
// step fails, the previous head's report is replaced by a "report failed" notice rather than left
// standing as if it were current.

/** First line of every sticky comment; the same marker pr-report writes (report-markdown.ts REPORT_MARKER). */
export const STICKY_MARKER = '<!-- go-coffee:pr-report -->';

export interface StickyCommentInput {
  /** `steps.<report>.outcome`: success, failure, cancelled or skipped. */
  readonly reportOutcome: string;
  /** The report's comment file, when the report step wrote one. */
  readonly comment?: string;
  readonly headSha: string;
  readonly runUrl: string;
  /** The shard jobs' merged table (pr-shard-job.ts mergeShardReports), appended to either body. @default none */
  readonly shards?: string;
}

export function stickyCommentBody(input: StickyCommentInput): string {
  const body = reportBody(input);
  return input.shards ? `${body.trimEnd()}\n\n${input.shards}` : body;
}

function reportBody(input: StickyCommentInput): string {
  if (input.reportOutcome === 'success' && input.comment !== undefined && input.comment.startsWith(STICKY_MARKER)) {
    return input.comment;
  }
  const why =
    input.reportOutcome === 'success'
      ? 'the report step passed but wrote no comment starting with the report marker'
      : `the report step's outcome was \`${input.reportOutcome}\``;
  return (
    `${STICKY_MARKER}\n## Pull request report failed\n\n` +
    `No report for ${input.headSha.slice(0, 12)}: ${why}. The report of an earlier head was removed so ` +
    `it cannot be mistaken for this one. See [the run](${input.runUrl}) for the error; push again or re-run the job.\n`
  );
}
