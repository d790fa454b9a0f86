import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { livePids, processStartTime, terminateRun } from './run-directory';
import { startRunProcess } from './run-process';

describe('processes started on top of a run', () => {
  it('are recorded in the run and stopped with it', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'run-process-'));
    const started = startRunProcess(runDir, 'argocd-repo-server', 'sh', ['-c', 'sleep 600', runDir]);
    expect(livePids(runDir)).toStrictEqual([{ name: 'argocd-repo-server', pid: started.pid }]);
    expect(await terminateRun(runDir, 2_000)).toStrictEqual([started.pid]);
    // Gone, or a zombie waiting for this test process (its parent) to reap it: either way not running.
    const state = () => {
      try {
        const stat = readFileSync(`/proc/${started.pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      } catch {
        return 'gone';
      }
    };
    expect(['gone', 'Z']).toContain(processStartTime(started.pid) === undefined ? 'gone' : state());
  });

  it('refuses a command line that does not name the run (cleanup could not recognise it)', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'run-process-'));
    expect(() => startRunProcess(runDir, 'redis-server', 'sleep', ['600'])).toThrow(/must name the run directory/);
  });
});
