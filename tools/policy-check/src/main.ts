// Process entry of policy-check (bin/policy-check.mjs). An error policy-check did not map to one of its
// documented codes exits 1, as conftest does: never 0, so a gate reading the code fails closed.
// Started in a worker thread (evaluation-worker.ts), the same module serves evaluations instead. Only a
// JavaScript module can be started so (the launcher's bundle; under a TypeScript loader there is none).
import { isMainThread } from 'node:worker_threads';
import { launchMain } from '@go-coffee/cli';
import { serveEvaluations } from './evaluation-worker-thread';
import { runCli } from './policy-check-cli';

const self = new URL(import.meta.url);
const evaluationWorker = /\.m?js$/.test(self.pathname) ? self : undefined;

if (isMainThread)
  await launchMain((argv, io) => runCli(argv, { ...io, evaluationWorker }), {
    tool: 'policy-check',
    unexpectedExitCode: 1,
  });
else serveEvaluations();
