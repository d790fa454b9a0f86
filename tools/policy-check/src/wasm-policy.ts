// Loads the compiled policy with the OPA WASM SDK and evaluates it. Before anything is evaluated, the
// builtins the module imports from its host are compared with those the SDK implements plus the ones
// provided here; a missing one is a load error, never a silent wrong answer at evaluation time.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { PolicyCheckError } from './policy-check-error';
import { webAssembly, type WasmModuleHandle } from './webassembly-api';

type Builtin = (...args: unknown[]) => unknown;

const require = createRequire(import.meta.url);
// The SDK's ESM entry only exports loadPolicy; the synchronous loader comes from its CommonJS entry.
const { loadPolicySync } = require('@open-policy-agent/opa-wasm') as typeof import('@open-policy-agent/opa-wasm');

/** Builtins the SDK implements in JavaScript, read from the SDK's own builtin table. */
export function sdkBuiltinNames(): string[] {
  const sdkEntry = require.resolve('@open-policy-agent/opa-wasm');
  const table = require(join(dirname(sdkEntry), 'builtins', 'index.js')) as Record<string, unknown>;
  return Object.keys(table).sort();
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Host builtins the SDK lacks. Only the time functions the exception expiry needs. Like OPA, a value that
 * does not parse makes the call undefined (the SDK maps `undefined` to an undefined result).
 */
export function providedBuiltins(now: () => number = Date.now): Record<string, Builtin> {
  return {
    'time.now_ns': () => now() * 1_000_000,
    'time.parse_rfc3339_ns': (value: unknown) => {
      if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
      const millis = Date.parse(value);
      return Number.isNaN(millis) ? undefined : millis * 1_000_000;
    },
  };
}

export interface WasmPolicyOptions {
  /** Clock for `time.now_ns`, in milliseconds. @default Date.now */
  readonly now?: () => number;
  /** Where the WASM came from, for messages. */
  readonly source: string;
}

export class WasmPolicy {
  private readonly policy: LoadedPolicy;
  private readonly exports: Record<string, CallableFunction>;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(wasm: Uint8Array, data: unknown, options: WasmPolicyOptions) {
    let module: WasmModuleHandle;
    try {
      module = new webAssembly.Module(wasm);
    } catch (error) {
      throw new PolicyCheckError(
        'badBundle',
        `${options.source}: policy.wasm does not compile (${(error as Error).message})`,
      );
    }
    const provided = providedBuiltins(options.now);
    try {
      this.policy = loadPolicySync(module as unknown as Parameters<typeof loadPolicySync>[0], undefined, provided);
    } catch (error) {
      throw new PolicyCheckError('badBundle', `${options.source}: policy.wasm does not load (${String(error)})`);
    }
    this.exports = (this.policy.wasmInstance as unknown as { exports: Record<string, CallableFunction> }).exports;
    const required = Object.keys(this.readJson(this.exports.builtins!() as number) as Record<string, number>);
    const available = new Set([...sdkBuiltinNames(), ...Object.keys(provided)]);
    const missing = required.filter((name) => !available.has(name)).sort();
    if (missing.length > 0) {
      throw new PolicyCheckError(
        'missingBuiltins',
        `${options.source}: the policy needs builtins the WASM SDK does not implement: ${missing.join(', ')}; ` +
          'fix: rewrite the rule without them or implement them in tools/policy-check/src/wasm-policy.ts',
      );
    }
    this.requiredBuiltins = required.sort();
    this.policy.setData(data as object);
  }

  /** Host builtins the module calls, sorted. */
  readonly requiredBuiltins: readonly string[];

  get entrypoints(): readonly string[] {
    return Object.keys(this.policy.entrypoints as Record<string, number>).sort();
  }

  /** Evaluates an entrypoint for an input given as JSON text; returns the value, or undefined when undefined. */
  evaluateJson(entrypoint: string, inputJson: string): unknown {
    const result = this.policy.evaluate(this.encoder.encode(inputJson).buffer, entrypoint) as { result: unknown }[];
    return result[0]?.result;
  }

  evaluate(entrypoint: string, input: unknown): unknown {
    return this.evaluateJson(entrypoint, JSON.stringify(input));
  }

  private readJson(address: number): unknown {
    const raw = this.exports.opa_json_dump!(address) as number;
    const memory = new Uint8Array(this.policy.mem.buffer);
    let end = raw;
    while (memory[end] !== 0) end++;
    return JSON.parse(this.decoder.decode(memory.subarray(raw, end)));
  }
}
