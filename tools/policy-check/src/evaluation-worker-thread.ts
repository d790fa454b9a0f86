// The worker-thread side of EvaluationWorker (evaluation-worker.ts): its own instance of the policy WASM,
// evaluating the batches the calling thread posts, in order, and posting back each result set as JSON
// text or the evaluation's error message. After posting it bumps the shared counter and wakes the caller,
// which waits on it synchronously (policy-check's API is synchronous).
import { workerData, type MessagePort } from 'node:worker_threads';
import { WasmPolicy } from './wasm-policy';

/** What the calling thread hands the worker at start. */
export interface EvaluationWorkerData {
  readonly wasm: Uint8Array;
  readonly data: unknown;
  readonly source: string;
  /** Int32Array over a SharedArrayBuffer: [0] batches answered, [1] evaluations done (progress). */
  readonly signal: SharedArrayBuffer;
  /** The worker's end of the channel: batches arrive on it, answers leave on it. */
  readonly port: MessagePort;
}

/**
 * One batch: inputs for one entrypoint, as JSON texts joined by newlines (JSON.stringify never writes a raw
 * newline): one string to copy between threads instead of one per input.
 */
export interface EvaluationBatch {
  readonly batch: number;
  readonly entrypoint: string;
  readonly inputs: string;
}

/** Per input: the result set as JSON text, or the evaluation error's message. */
export type EvaluationOutcome = { readonly resultJson: string } | { readonly error: string };

export interface EvaluationAnswer {
  readonly batch: number;
  readonly outcomes: readonly EvaluationOutcome[];
}

/** The message of a thrown evaluation error, as policy-check reports it. */
export function evaluationErrorDetail(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
}

/** Runs in the worker: serves batches until the calling thread ends the worker. */
export function serveEvaluations(data = workerData as EvaluationWorkerData): void {
  const { port } = data;
  const signal = new Int32Array(data.signal);
  let policy: WasmPolicy | undefined;
  let loadError: string | undefined;
  try {
    policy = new WasmPolicy(data.wasm, data.data, { source: data.source });
  } catch (error) {
    loadError = evaluationErrorDetail(error);
  }
  port.on('message', (message: EvaluationBatch) => {
    const { entrypoint } = message;
    const outcomes = message.inputs.split('\n').map((inputJson): EvaluationOutcome => {
      Atomics.add(signal, 1, 1);
      if (!policy) return { error: loadError ?? 'the policy did not load' };
      try {
        return { resultJson: policy.evaluateToResultJson(entrypoint, inputJson) };
      } catch (error) {
        return { error: evaluationErrorDetail(error) };
      }
    });
    const answer: EvaluationAnswer = { batch: message.batch, outcomes };
    port.postMessage(answer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}
