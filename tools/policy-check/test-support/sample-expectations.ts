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

/** A failure policy-check reported for a sample: its verdict rule, message and the line of its document. */
export interface ObservedFailure {
  readonly rule: string;
  readonly msg: string;
  readonly line: number;
}

export interface SampleUnderTest {
  readonly text: string;
  /** First line of each document, in document order. */
  readonly documentLines: readonly number[];
  readonly allowed: boolean;
  /** Cross-document (combined.*) samples state their findings about the whole file. */
  readonly combined: boolean;
}

const finding = (item: { rule: string; msg: string }) => `${item.rule}: ${item.msg}`;

/** Findings in `expected` but not in `actual` (missing) and the other way round (unexpected), as multisets. */
function difference(where: string, expected: string[], actual: string[]): string[] {
  const left = [...actual];
  const missing = expected.filter((item) => {
    const index = left.indexOf(item);
    if (index === -1) return true;
    left.splice(index, 1);
    return false;
  });
  return [...missing.map((item) => `${where}: missing ${item}`), ...left.map((item) => `${where}: unexpected ${item}`)];
}

/**
 * How the failures of a sample's own policy differ from what the sample states; empty when they match
 * exactly. A named rule must fire with its message: another rule of the package failing does not count.
 */
export function sampleMismatches(sample: SampleUnderTest, failures: readonly ObservedFailure[]): string[] {
  const expected = sampleExpectations(sample.text);
  const stated = expected.flat();
  if (sample.allowed) {
    return [
      ...stated.map((item) => `allowed sample states # expect ${finding(item)}`),
      ...failures.map((failure) => `line ${failure.line}: unexpected ${finding(failure)}`),
    ];
  }
  if (stated.length === 0) return ['disallowed sample states no # expect <rule>: <message> line'];
  if (sample.combined) return difference('file', stated.map(finding), failures.map(finding));
  if (expected.length !== sample.documentLines.length) {
    return [`${expected.length} expectation blocks for ${sample.documentLines.length} documents`];
  }
  const located = new Set(sample.documentLines);
  return [
    ...sample.documentLines.flatMap((line, index) => {
      const own = expected[index]!;
      if (own.length === 0) return [`line ${line}: disallowed document names no rule`];
      const actual = failures.filter((failure) => failure.line === line).map(finding);
      return difference(`line ${line}`, own.map(finding), actual);
    }),
    ...failures
      .filter((failure) => !located.has(failure.line))
      .map((failure) => `line ${failure.line}: unexpected ${finding(failure)} (no document starts there)`),
  ];
}
