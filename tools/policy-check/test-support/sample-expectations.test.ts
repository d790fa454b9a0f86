import { describe, expect, it } from 'vitest';
import { sampleMismatches } from './sample-expectations';

// Two documents, each naming the rule it must trip.
const TWO_DOCUMENTS = [
  '# expect deny_host_ports: pod uses host port 80',
  'kind: Pod',
  '---',
  '# expect deny_privileged: container app is privileged',
  'kind: Pod',
  '',
].join('\n');
const perDocument = { text: TWO_DOCUMENTS, documentLines: [1, 4], allowed: false, combined: false };

describe('a sample fixture', () => {
  it('matches when each document trips exactly the rule and message it names', () => {
    const failures = [
      { rule: 'deny_host_ports', msg: 'pod uses host port 80', line: 1 },
      { rule: 'deny_privileged', msg: 'container app is privileged', line: 4 },
    ];
    expect(sampleMismatches(perDocument, failures)).toStrictEqual([]);
  });

  it('does not match when another rule of the package fails in place of the named one', () => {
    const failures = [
      { rule: 'deny_host_ports', msg: 'pod uses host port 80', line: 1 },
      { rule: 'deny_capabilities', msg: 'container app is privileged', line: 4 },
    ];
    expect(sampleMismatches(perDocument, failures)).toStrictEqual([
      'line 4: missing deny_privileged: container app is privileged',
      'line 4: unexpected deny_capabilities: container app is privileged',
    ]);
  });

  it('does not match when the named rule fires at the other document', () => {
    const failures = [
      { rule: 'deny_host_ports', msg: 'pod uses host port 80', line: 4 },
      { rule: 'deny_privileged', msg: 'container app is privileged', line: 4 },
    ];
    expect(sampleMismatches(perDocument, failures)).toStrictEqual([
      'line 1: missing deny_host_ports: pod uses host port 80',
      'line 4: unexpected deny_host_ports: pod uses host port 80',
    ]);
  });

  it('does not match a failure located at no document, nor a disallowed document that names no rule', () => {
    const sample = { ...perDocument, text: TWO_DOCUMENTS.replace(/^# expect deny_privileged.*\n/m, '') };
    expect(
      sampleMismatches(sample, [
        { rule: 'deny_host_ports', msg: 'pod uses host port 80', line: 1 },
        { rule: 'deny_privileged', msg: 'container app is privileged', line: 9 },
      ]),
    ).toStrictEqual([
      'line 4: disallowed document names no rule',
      'line 9: unexpected deny_privileged: container app is privileged (no document starts there)',
    ]);
  });

  it('counts repeated findings: one firing does not satisfy two expectations', () => {
    const sample = {
      text: `${TWO_DOCUMENTS}# expect deny_host_ports: pod uses host port 80\n`,
      documentLines: [1],
      allowed: false,
      combined: true,
    };
    expect(
      sampleMismatches(sample, [{ rule: 'deny_host_ports', msg: 'pod uses host port 80', line: 1 }]),
    ).toStrictEqual([
      'file: missing deny_privileged: container app is privileged',
      'file: missing deny_host_ports: pod uses host port 80',
    ]);
  });

  it('that is allowed matches only when its policy reports nothing and it states no expectation', () => {
    const allowed = { text: 'kind: Pod\n', documentLines: [1], allowed: true, combined: false };
    expect(sampleMismatches(allowed, [])).toStrictEqual([]);
    expect(sampleMismatches(allowed, [{ rule: 'deny_privileged', msg: 'm', line: 1 }])).toStrictEqual([
      'line 1: unexpected deny_privileged: m',
    ]);
    expect(sampleMismatches({ ...perDocument, allowed: true }, [])).toHaveLength(2);
  });

  it('that is disallowed but states nothing does not match, even when its policy fails', () => {
    const silent = { text: 'kind: Pod\n', documentLines: [1], allowed: false, combined: false };
    expect(sampleMismatches(silent, [{ rule: 'deny_privileged', msg: 'm', line: 1 }])).toStrictEqual([
      'disallowed sample states no # expect <rule>: <message> line',
    ]);
  });
});
