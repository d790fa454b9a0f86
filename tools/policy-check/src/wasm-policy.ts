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

// RFC 3339 as Go's time.Parse(time.RFC3339, …) reads it, which is what OPA's time.parse_rfc3339_ns calls.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/**
 * Nanoseconds since the epoch of an RFC 3339 timestamp, or undefined where OPA's time.parse_rfc3339_ns
 * fails: every field must be in range, the day must exist in its month (`2027-02-30` is an error, never
 * March 2nd as `Date.parse` would have it). `rfc3339-parity.test.ts` holds it to the real OPA.
 */
export function parseRfc3339Nanos(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [fraction = '', sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // Go's limits for the offset, looser than the standard's.
  if (Number(offsetHours) > 24 || Number(offsetMinutes) > 60) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const nanos = BigInt(date.getTime() - offset * 60_000) * 1_000_000n + BigInt(fraction.padEnd(9, '0').slice(0, 9));
  // OPA fails on instants its int64 nanoseconds cannot hold (before 1677, after 2262).
  if (nanos < -(2n ** 63n) || nanos >= 2n ** 63n) return undefined;
  return Number(nanos);
}

/**
 * Host builtins the SDK lacks. Only the time functions the exception expiry needs. Like OPA, a value that
 * does not parse makes the call undefined (the SDK maps `undefined` to an undefined result).
 */
export function providedBuiltins(now: () => number = Date.now): Record<string, Builtin> {
  return {
    'time.now_ns': () => now() * 1_000_000,
    'time.parse_rfc3339_ns': (value: unknown) => parseRfc3339Nanos(value),
  };
}

export interface WasmPolicyOptions {
  /** Clock for `time.now_ns`, in milliseconds. @default Date.now */
  readonly now?: () => number;
  /** Where the WASM came from, for messages. */
  readonly source: string;
}

const PAGE_BYTES = 65_536;
/**
 * Memory a fresh instance starts with (32 MiB, reserved, committed by the OS only when touched): enough
 * for documents up to about 400 KB, so per-document runs never need a new instance.
 */
const INITIAL_PAGES = 512;
/**
 * WASM memory to reserve before an evaluation, per byte of input JSON, plus a fixed allowance. The OPA
 * heap grows one call to `memory.grow` at a time (one page or a little more each), and thousands of those
 * in a single evaluation cost seconds (each one re-announces the ArrayBuffer to V8 and invites a
 * garbage collection); an instance created with enough memory never grows. The cross-document
 * evaluation of the rendered and synthetic trees peaks at about 20 bytes per input byte.
 */
const HEAP_BYTES_PER_INPUT_BYTE = 32;
const HEAP_ALLOWANCE_BYTES = 16 * 1024 * 1024;

interface OpaExports {
  opa_eval(
    reserved: number,
    entrypoint: number,
    data: number,
    input: number,
    length: number,
    heap: number,
    format: number,
  ): number;
  opa_json_dump(value: number): number;
  opa_heap_ptr_get(): number;
  builtins(): number;
}

export class WasmPolicy {
  private policy!: LoadedPolicy;
  private exports!: OpaExports;
  private entrypointIds!: Record<string, number>;
  private readonly module: WasmModuleHandle;
  private readonly provided: Record<string, Builtin>;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(
    wasm: Uint8Array,
    private readonly data: unknown,
    private readonly options: WasmPolicyOptions,
  ) {
    try {
      this.module = new webAssembly.Module(wasm);
    } catch (error) {
      throw new PolicyCheckError(
        'badBundle',
        `${options.source}: policy.wasm does not compile (${(error as Error).message})`,
      );
    }
    this.provided = providedBuiltins(options.now);
    this.instantiate(INITIAL_PAGES);
    const required = Object.keys(this.readJson(this.exports.builtins()) as Record<string, number>);
    const available = new Set([...sdkBuiltinNames(), ...Object.keys(this.provided)]);
    const missing = required.filter((name) => !available.has(name)).sort();
    if (missing.length > 0) {
      throw new PolicyCheckError(
        'missingBuiltins',
        `${options.source}: the policy needs builtins the WASM SDK does not implement: ${missing.join(', ')}; ` +
          'fix: rewrite the rule without them or implement them in tools/policy-check/src/wasm-policy.ts',
      );
    }
    this.requiredBuiltins = required.sort();
  }

  /** Host builtins the module calls, sorted. */
  readonly requiredBuiltins: readonly string[];

  get entrypoints(): readonly string[] {
    return Object.keys(this.entrypointIds).sort();
  }

  /** Bytes of WASM memory the instance has now. */
  get memoryBytes(): number {
    return this.policy.mem.buffer.byteLength;
  }

  /** Evaluates an entrypoint for an input given as JSON text; returns the value, or undefined when undefined. */
  evaluateJson(entrypoint: string, inputJson: string): unknown {
    return WasmPolicy.resultValue(this.evaluateToResultJson(entrypoint, inputJson));
  }

  /** The value in the result set `evaluateToResultJson` returns, or undefined when undefined. */
  static resultValue(resultJson: string): unknown {
    const result = JSON.parse(resultJson) as { result: unknown }[];
    return result[0]?.result;
  }

  /** Evaluates an entrypoint for an input given as JSON text; returns OPA's result set as JSON text. */
  evaluateToResultJson(entrypoint: string, inputJson: string): string {
    const id = this.entrypointIds[entrypoint];
    if (id === undefined) throw new Error(`entrypoint ${entrypoint} is not in this policy`);
    // The worst case of UTF-16 to UTF-8 is 3 bytes per code unit.
    const maxInputBytes = inputJson.length * 3;
    this.reserveMemory(inputJson.length);
    // The SDK's ABI 1.2 path, without its copies: the input is encoded straight into the heap after the
    // data, opa_eval starts its heap right after the input, and the result's end is found natively.
    const inputAddress = this.policy.dataHeapPtr as number;
    const { written } = this.encoder.encodeInto(
      inputJson,
      new Uint8Array(this.policy.mem.buffer, inputAddress, maxInputBytes),
    );
    const resultAddress = this.exports.opa_eval(
      0,
      id,
      this.policy.dataAddr,
      inputAddress,
      written,
      inputAddress + written,
      0,
    );
    return this.readString(resultAddress);
  }

  /**
   * Makes sure the next evaluation of an input of `inputLength` UTF-16 code units starts with enough
   * memory (a new instance when it does not), so the OPA heap does not grow during it.
   */
  reserveMemory(inputLength: number): void {
    const wanted =
      (this.policy.dataHeapPtr as number) +
      inputLength * 3 +
      HEAP_ALLOWANCE_BYTES +
      inputLength * HEAP_BYTES_PER_INPUT_BYTE;
    // A quarter more than wanted, so a run of slightly larger inputs does not create an instance each.
    if (this.memoryBytes < wanted) this.instantiate(Math.ceil((wanted * 1.25) / PAGE_BYTES));
  }

  evaluate(entrypoint: string, input: unknown): unknown {
    return this.evaluateJson(entrypoint, JSON.stringify(input));
  }

  /**
   * A new instance whose memory starts at `pages`, with the data loaded. Instantiating a compiled module
   * takes milliseconds; the instance holds nothing between evaluations but the data.
   */
  private instantiate(pages: number): void {
    try {
      this.policy = loadPolicySync(
        this.module as unknown as Parameters<typeof loadPolicySync>[0],
        { initial: pages },
        this.provided,
      );
    } catch (error) {
      throw new PolicyCheckError('badBundle', `${this.options.source}: policy.wasm does not load (${String(error)})`);
    }
    if ((this.policy.minorVersion as number) < 2) {
      throw new PolicyCheckError(
        'badBundle',
        `${this.options.source}: policy.wasm has WASM ABI 1.${String(this.policy.minorVersion)}, policy-check needs 1.2 or later; fix: rebuild with the pinned opa (npm run toolchain)`,
      );
    }
    this.exports = (this.policy.wasmInstance as unknown as { exports: OpaExports }).exports;
    this.entrypointIds = this.policy.entrypoints as Record<string, number>;
    this.policy.setData(this.data as object);
  }

  private readString(address: number): string {
    const memory = new Uint8Array(this.policy.mem.buffer);
    const end = memory.indexOf(0, address);
    return this.decoder.decode(memory.subarray(address, end === -1 ? memory.length : end));
  }

  private readJson(address: number): unknown {
    return JSON.parse(this.readString(this.exports.opa_json_dump(address)));
  }
}
