// What a policy sample must produce, written in the sample itself: `# expect <rule>: <message>` comment
// lines in a disallowed sample, above the document they are about (cross-document samples: anywhere in
// the file, about the file). Allowed samples have none and must produce no failure of their policy.
// Comments are invisible to both policy-check and conftest, so the samples stay plain inputs.

export interface ExpectedFinding {
  /** Verdict rule, e.g. deny_host_ports. */
  readonly rule: string;
  readonly msg: string;
}

const EXPECT_LINE = /^# expect ([a-z][a-z0-9_]*): (.+)$/;

/** Expected findings per document of a sample file, in document order (the file split as conftest splits it). */
export function sampleExpectations(text: string): ExpectedFinding[][] {
  return text.split('\n---\n').map((part) =>
    part.split('\n').flatMap((line) => {
      const match = EXPECT_LINE.exec(line);
      return match ? [{ rule: match[1]!, msg: match[2]! }] : [];
    }),
  );
}

/** The policy package a sample belongs to: policies/main/images/samples/… → main.images. */
export function sampleNamespace(file: string): string {
  return file.split('/').slice(1, 3).join('.');
}
