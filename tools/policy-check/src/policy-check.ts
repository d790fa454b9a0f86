// One policy-check run: load the WASM once, evaluate every document against the per-document policies
// (conftest's default semantics) and all documents together against the cross-document policies
// (conftest's --combine semantics), and fail closed on anything that would make the verdict meaningless.
import {
  addVerdicts,
  conftestExitCode,
  emptyCheckResult,
  PolicyEvaluationError,
  sortCheckResults,
  totals,
  type CheckResult,
  type Totals,
} from './conftest-results';
import {
  assertUniqueIdentities,
  collectInputPaths,
  readInputFile,
  type InputFile,
  type LocatePath,
} from './input-documents';
import {
  COMBINED_ENTRYPOINT,
  entrypointOf,
  isCombinedNamespace,
  packageValue,
  PER_DOCUMENT_ENTRYPOINT,
  selectNamespaces,
} from './namespace-selection';
import type { RuleAnnotation } from './build-policy-bundle';
import { EvaluationWorker, type EvaluationTicket } from './evaluation-worker';
import { evaluationErrorDetail, type EvaluationOutcome } from './evaluation-worker-thread';
import { loadPolicyBundle, type PolicyBundle } from './policy-bundle';
import { PolicyCheckError } from './policy-check-error';
import { WasmPolicy } from './wasm-policy';

export interface PolicyCheckOptions {
  /** Files and directories to check. */
  readonly paths: readonly string[];
  /** The bundle `nx run policies:build` writes. */
  readonly bundlePath: string;
  /** conftest --namespace globs. @default ['main'] */
  readonly namespaces?: readonly string[];
  /** conftest --all-namespaces. @default false */
  readonly allNamespaces?: boolean;
  readonly failOnWarn?: boolean;
  /** Clock for exception expiry, in milliseconds. @default Date.now */
  readonly now?: () => number;
  /**
   * A module that serves evaluations when started in a worker thread (the bin's bundle of main.ts): with it,
   * a large run evaluates the documents on a second thread while this one reads the files. Not used with a
   * custom `now`, which cannot cross threads. @default none: everything runs on the calling thread
   */
  readonly evaluationWorker?: URL;
  /** Input files from which the worker pays off (it takes a few hundred milliseconds to start). @default 2000 */
  readonly evaluationWorkerMinFiles?: number;
}

/** Per-document evaluations already handed to a worker, one ticket per document in file order. */
interface SubmittedEvaluations {
  readonly worker: EvaluationWorker;
  readonly tickets: readonly EvaluationTicket[];
  /** The cross-document evaluations, one per scope in file order (none when no combined namespace is selected). */
  readonly combinedTickets: readonly EvaluationTicket[];
}

/** A cross-document evaluation's value, or the error it raised (thrown when its turn comes). */
type Settled = { readonly value: unknown } | { readonly error: unknown };

function settle(run: () => unknown): Settled {
  try {
    return { value: run() };
  } catch (error) {
    return { error };
  }
}

const valueOf = (settled: Settled): unknown => {
  if ('error' in settled) throw settled.error;
  return settled.value;
};

export interface PolicyCheckReport {
  readonly results: CheckResult[];
  readonly totals: Totals;
  readonly exitCode: number;
  readonly files: readonly InputFile[];
  readonly objects: number;
}

/** Loads and checks the bundle once; `check` can then run many times (the bench reuses it). */
export class PolicyChecker {
  readonly policy: WasmPolicy;
  readonly namespaces: readonly string[];
  /** METADATA of the verdict rules, for reports. */
  readonly ruleAnnotations: ReadonlyMap<string, RuleAnnotation>;
  private readonly documentNamespaces: readonly string[];
  /** Indexes into documentNamespaces of those under the per-document entrypoint. */
  private readonly evaluatedDocumentNamespaces: readonly number[];
  private readonly definitions: ReadonlyMap<string, number>;
  private readonly combinedNamespaces: readonly string[];
  /** The generated verdict entrypoint of `main` (verdict-entrypoints.ts): what each document is evaluated at. */
  readonly documentVerdicts: string | undefined;
  /** The same for `combined`, evaluated once per cluster folder. */
  private readonly combinedVerdicts: string | undefined;
  private readonly bundle: PolicyBundle;

  constructor(private readonly options: Omit<PolicyCheckOptions, 'paths'>) {
    const bundle = loadPolicyBundle(options.bundlePath);
    this.bundle = bundle;
    this.policy = new WasmPolicy(bundle.wasm, bundle.data, { source: options.bundlePath, now: options.now });
    const selected = selectNamespaces(
      bundle.namespaces,
      options.namespaces ?? ['main'],
      options.allNamespaces ?? false,
    );
    const ruleCount = selected.reduce((sum, namespace) => sum + (bundle.verdictRules.get(namespace)?.length ?? 0), 0);
    if (ruleCount === 0) {
      throw new PolicyCheckError(
        'noPolicies',
        `${options.bundlePath}: no deny/violation/warn rules in namespace(s) ` +
          `${options.allNamespaces ? '(all)' : (options.namespaces ?? ['main']).join(', ')}; ` +
          `available: ${bundle.namespaces.join(', ') || 'none'}; fix: --all-namespaces or --namespace 'main.*', or rebuild the bundle`,
      );
    }
    for (const namespace of selected) {
      if ((bundle.verdictRules.get(namespace)?.length ?? 0) > 0 && !entrypointOf(namespace)) {
        throw new PolicyCheckError(
          'noPolicies',
          `${options.bundlePath}: package ${namespace} has verdict rules but is not under ${PER_DOCUMENT_ENTRYPOINT} or ${COMBINED_ENTRYPOINT}, ` +
            'so the WASM cannot evaluate it; fix: move it under policies/main/ or policies/combined/',
        );
      }
    }
    for (const entrypoint of [PER_DOCUMENT_ENTRYPOINT, COMBINED_ENTRYPOINT]) {
      if (!this.policy.entrypoints.includes(entrypoint)) {
        throw new PolicyCheckError(
          'badBundle',
          `${options.bundlePath}: the WASM has no entrypoint ${entrypoint}; fix: rebuild with \`npx nx run policies:build\``,
        );
      }
    }
    this.namespaces = selected;
    this.ruleAnnotations = bundle.ruleAnnotations;
    this.definitions = bundle.verdictDefinitions;
    this.documentNamespaces = selected.filter((namespace) => !isCombinedNamespace(namespace));
    // Namespaces outside the entrypoint hold no verdict rules (checked above): conftest reports them empty.
    this.evaluatedDocumentNamespaces = this.documentNamespaces.flatMap((namespace, index) =>
      entrypointOf(namespace) === PER_DOCUMENT_ENTRYPOINT ? [index] : [],
    );
    this.combinedNamespaces = selected.filter(isCombinedNamespace);
    this.documentVerdicts = bundle.verdictEntrypoints.get(PER_DOCUMENT_ENTRYPOINT);
    this.combinedVerdicts = bundle.verdictEntrypoints.get(COMBINED_ENTRYPOINT);
  }

  /** Checks files and directories; `locate` says where each path's content is (see LocatePath). */
  check(paths: readonly string[], locate?: LocatePath): PolicyCheckReport {
    const inputPaths = collectInputPaths(paths, locate);
    const worker = this.startWorker(inputPaths.length);
    if (!worker) return this.checkFiles(inputPaths.map((path) => readInputFile(path, locate)));
    try {
      // Each document goes to the worker as soon as it is read; checkFiles takes the verdicts in order.
      const files: InputFile[] = [];
      const tickets: EvaluationTicket[] = [];
      for (const path of inputPaths) {
        const file = readInputFile(path, locate);
        files.push(file);
        for (const document of file.documents)
          tickets.push(worker.submit(this.documentVerdicts!, JSON.stringify(document.value)));
      }
      // Then the cross-document inputs, which the worker evaluates after the documents.
      const combinedTickets =
        this.combinedNamespaces.length > 0 && this.combinedVerdicts !== undefined
          ? this.combinedInputs(files).map((input) => worker.submit(this.combinedVerdicts!, input))
          : [];
      worker.flush();
      return this.checkFiles(files, { worker, tickets, combinedTickets });
    } finally {
      worker.close();
    }
  }

  private startWorker(fileCount: number): EvaluationWorker | undefined {
    const script = this.options.evaluationWorker;
    if (
      script === undefined ||
      this.options.now !== undefined ||
      this.documentVerdicts === undefined ||
      this.evaluatedDocumentNamespaces.length === 0 ||
      fileCount < (this.options.evaluationWorkerMinFiles ?? 2000)
    )
      return undefined;
    return new EvaluationWorker({
      script,
      wasm: this.bundle.wasm,
      data: this.bundle.data,
      source: this.options.bundlePath,
    });
  }

  /**
   * Checks parsed files. `submitted`: their per-document evaluations, already handed to a worker (check); the
   * outcome is the same as evaluating them here, errors included, in the same order.
   */
  checkFiles(files: readonly InputFile[], submitted?: SubmittedEvaluations): PolicyCheckReport {
    assertUniqueIdentities(files);
    const results: CheckResult[] = [];
    let objects = 0;
    let ticket = 0;
    for (const file of files) {
      const perNamespace = this.documentNamespaces.map((namespace) => emptyCheckResult(file.path, namespace));
      for (const document of file.documents) {
        objects++;
        const where = `${file.path}:${document.line}`;
        const value =
          this.documentVerdicts === undefined || this.evaluatedDocumentNamespaces.length === 0
            ? undefined
            : submitted
              ? this.outcome(submitted.worker.take(submitted.tickets[ticket++]!), where)
              : this.evaluate(this.documentVerdicts, JSON.stringify(document.value), where);
        const location = { file: file.path, line: document.line };
        for (const index of this.evaluatedDocumentNamespaces) {
          const namespace = this.documentNamespaces[index]!;
          this.addVerdicts(perNamespace[index]!, namespace, packageValue(value, namespace), location, file.path);
        }
      }
      results.push(...perNamespace);
    }
    if (this.combinedNamespaces.length > 0) {
      const values = (
        submitted
          ? submitted.combinedTickets.map((ticket) =>
              settle(() => this.outcome(submitted.worker.take(ticket), 'Combined')),
            )
          : this.evaluateCombined(files)
      ).map(valueOf);
      const firstLine = new Map(files.map((file) => [file.path, file.documents[0]?.line ?? 1]));
      for (const namespace of this.combinedNamespaces) {
        const result = emptyCheckResult('Combined', namespace);
        const merged = mergePackageValues(values.map((value) => packageValue(value, namespace)));
        this.addVerdicts(result, namespace, merged, { file: 'Combined', line: 1 }, 'Combined');
        // Cross-document rules name the file they are about in metadata.path; point reports there.
        for (const list of [result.failures, result.warnings]) {
          list.forEach((item, index) => {
            const path = item.metadata?.path;
            if (typeof path === 'string')
              list[index] = { ...item, location: { file: path, line: firstLine.get(path) ?? 1 } };
          });
        }
        results.push(result);
      }
    }
    sortCheckResults(results);
    const summary = totals(results);
    return {
      results,
      totals: summary,
      exitCode: conftestExitCode(summary, this.options.failOnWarn ?? false),
      files,
      objects,
    };
  }

  /**
   * The cross-document evaluations, one per scope in file order, each settled. Cross-document rules relate
   * only objects of one scope (lib.kubernetes.scope: the cluster folder), so each scope is evaluated on its
   * own and the verdicts merged: the same verdicts as one evaluation of the whole tree, without the rules'
   * per-scope joins running over every cluster of a fleet at once.
   */
  private evaluateCombined(files: readonly InputFile[]): Settled[] {
    const entrypoint = this.combinedVerdicts;
    if (entrypoint === undefined) return [];
    const settled: Settled[] = [];
    for (const input of this.combinedInputs(files)) {
      settled.push(settle(() => this.evaluate(entrypoint, input, 'Combined')));
      // Later scopes cannot change which error is reported first.
      if ('error' in settled[settled.length - 1]!) break;
    }
    return settled;
  }

  /** The cross-document input of each scope (`[{path, contents}]` as JSON), in file order. */
  private combinedInputs(files: readonly InputFile[]): string[] {
    const byScope = new Map<string, { path: string; contents: unknown }[]>();
    for (const file of files) {
      const scope = combinedScope(file.path);
      const documents = byScope.get(scope) ?? [];
      for (const document of file.documents) documents.push({ path: file.path, contents: document.value });
      byScope.set(scope, documents);
    }
    return [...byScope.values()].map((documents) => JSON.stringify(documents));
  }

  private evaluate(entrypoint: string, inputJson: string, where: string): unknown {
    try {
      return this.policy.evaluateJson(entrypoint, inputJson);
    } catch (error) {
      throw evaluationFailed(where, evaluationErrorDetail(error));
    }
  }

  /** The value of an evaluation the worker did, or the error evaluating it here would have raised. */
  private outcome(outcome: EvaluationOutcome, where: string): unknown {
    if ('error' in outcome) throw evaluationFailed(where, outcome.error);
    try {
      return WasmPolicy.resultValue(outcome.resultJson);
    } catch (error) {
      throw evaluationFailed(where, evaluationErrorDetail(error));
    }
  }

  private addVerdicts(
    result: CheckResult,
    namespace: string,
    value: unknown,
    location: { file: string; line: number },
    where: string,
  ): void {
    try {
      addVerdicts(result, namespace, value, location, this.definitions.get(namespace) ?? 0);
    } catch (error) {
      if (error instanceof PolicyEvaluationError) {
        throw new PolicyCheckError(
          'evaluationError',
          `${where}: ${error.message}; fix: return a string or an object with a string msg`,
        );
      }
      throw error;
    }
  }
}

const evaluationFailed = (where: string, detail: string) =>
  new PolicyCheckError(
    'evaluationError',
    `${where}: policy evaluation failed: ${detail}; fix: correct the rule (see opa eval)`,
  );

export function runPolicyCheck(options: PolicyCheckOptions): PolicyCheckReport {
  return new PolicyChecker(options).check(options.paths);
}

/** lib.kubernetes.scope in TypeScript: `gitops/<cluster>/<area>/<file>` → `gitops/<cluster>`, "" when shallower. */
export function combinedScope(path: string): string {
  const parts = path.split('/');
  return parts.length >= 3 ? parts.slice(0, -2).join('/') : '';
}

/**
 * One package value from the per-scope evaluations: set rules (arrays) are unioned in order without repeats
 * (data-only rules, such as expired exceptions, give the same entries in every scope), boolean rules are
 * true when any scope's is, other values come from the first scope that has them.
 */
export function mergePackageValues(values: readonly unknown[]): unknown {
  const objects = values.filter(
    (value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value),
  );
  if (objects.length <= 1) return objects[0] ?? values[0];
  const merged: Record<string, unknown> = {};
  // JSON of the entries of each merged set rule, kept across scopes.
  const seenByRule = new Map<string, Set<string>>();
  for (const value of objects) {
    for (const [rule, ruleValue] of Object.entries(value)) {
      const current = merged[rule];
      if (current === undefined) merged[rule] = Array.isArray(ruleValue) ? [...(ruleValue as unknown[])] : ruleValue;
      else if (Array.isArray(current) && Array.isArray(ruleValue)) {
        let seen = seenByRule.get(rule);
        if (!seen) seenByRule.set(rule, (seen = new Set(current.map((entry) => JSON.stringify(entry)))));
        for (const entry of ruleValue as unknown[]) {
          const key = JSON.stringify(entry);
          if (!seen.has(key)) {
            seen.add(key);
            current.push(entry);
          }
        }
      } else if (typeof current === 'boolean' && typeof ruleValue === 'boolean') merged[rule] = current || ruleValue;
    }
  }
  return merged;
}
