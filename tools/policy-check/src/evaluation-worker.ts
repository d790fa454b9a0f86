// A second thread that evaluates policy inputs while the calling thread goes on reading and parsing files:
// over a fleet tree, reading YAML and evaluating the WASM each take about half of a run, and the machine has
// two cores. policy-check's API is synchronous, so results are collected synchronously: the worker answers
// each batch on a MessageChannel, bumps a shared counter and wakes the caller, which blocks in
// Atomics.wait and pulls the answer with receiveMessageOnPort. The worker has its own instance of the same
// WASM and data and evaluates exactly what the calling thread would (evaluation-worker-thread.ts).
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type {
  EvaluationAnswer,
  EvaluationBatch,
  EvaluationOutcome,
  EvaluationWorkerData,
} from './evaluation-worker-thread';

export interface EvaluationWorkerOptions {
  /** A module that calls serveEvaluations() when it starts in a worker thread (policy-check's main.ts). */
  readonly script: URL;
  readonly wasm: Uint8Array;
  readonly data: unknown;
  /** Where the WASM came from, for messages. */
  readonly source: string;
  /** Inputs per message. @default 64 */
  readonly batchSize?: number;
  /** How long the worker may go without finishing an evaluation before it counts as dead. @default 120 s */
  readonly stallMs?: number;
}

/** A submitted input: its batch and its place in it. */
export interface EvaluationTicket {
  readonly batch: number;
  readonly index: number;
}

export class EvaluationWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal: Int32Array;
  private readonly batchSize: number;
  private readonly stallMs: number;
  private pending: string[] = [];
  private pendingEntrypoint: string | undefined;
  private batch = 0;
  private readonly answers = new Map<number, readonly EvaluationOutcome[]>();

  constructor(options: EvaluationWorkerOptions) {
    this.batchSize = options.batchSize ?? 64;
    this.stallMs = options.stallMs ?? 120_000;
    const shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    this.signal = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const workerData: EvaluationWorkerData = {
      wasm: options.wasm,
      data: options.data,
      source: options.source,
      signal: shared,
      port: port2,
    };
    this.worker = new Worker(options.script, { workerData, transferList: [port2], stdout: false, stderr: false });
    // Nothing here needs the event loop: a forgotten worker must not keep the process alive.
    this.worker.unref();
    this.port.unref();
  }

  /** Queues an evaluation; its outcome comes from `take`. */
  submit(entrypoint: string, inputJson: string): EvaluationTicket {
    if (entrypoint !== this.pendingEntrypoint) this.flush();
    if (inputJson.includes('\n')) throw new Error('an evaluation input must be JSON.stringify output (no newline)');
    this.pendingEntrypoint = entrypoint;
    const ticket = { batch: this.batch, index: this.pending.length };
    this.pending.push(inputJson);
    if (this.pending.length >= this.batchSize) this.flush();
    return ticket;
  }

  /** Sends the inputs queued so far. */
  flush(): void {
    if (this.pending.length === 0 || this.pendingEntrypoint === undefined) return;
    const message: EvaluationBatch = {
      batch: this.batch,
      entrypoint: this.pendingEntrypoint,
      inputs: this.pending.join('\n'),
    };
    this.port.postMessage(message);
    this.batch++;
    this.pending = [];
  }

  /** The outcome of a submitted evaluation, waiting for the worker when it has not answered yet. */
  take(ticket: EvaluationTicket): EvaluationOutcome {
    if (ticket.batch === this.batch) this.flush();
    let outcomes = this.answers.get(ticket.batch);
    let progress = Atomics.load(this.signal, 1);
    let since = performance.now();
    while (!outcomes) {
      // Read the counter before looking for an answer: one posted in between changes it, so the wait returns.
      const answered = Atomics.load(this.signal, 0);
      for (let message = receiveMessageOnPort(this.port); message; message = receiveMessageOnPort(this.port)) {
        const answer = message.message as EvaluationAnswer;
        this.answers.set(answer.batch, answer.outcomes);
      }
      outcomes = this.answers.get(ticket.batch);
      if (outcomes) break;
      Atomics.wait(this.signal, 0, answered, 1_000);
      const now = Atomics.load(this.signal, 1);
      if (now !== progress) {
        progress = now;
        since = performance.now();
      } else if (performance.now() - since > this.stallMs) {
        throw new Error(`the evaluation worker finished no evaluation in ${Math.round(this.stallMs / 1000)} s`);
      }
    }
    const outcome = outcomes[ticket.index]!;
    // Tickets are taken in order: a batch whose last outcome is taken is done.
    if (ticket.index === outcomes.length - 1) this.answers.delete(ticket.batch);
    return outcome;
  }

  /** Ends the worker. */
  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
