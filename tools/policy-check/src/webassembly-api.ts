// The WebAssembly global, typed for the few calls policy-check makes. The workspace compiles against
// Node's types without the DOM lib, which is where TypeScript declares WebAssembly.

export interface WasmModuleHandle {
  readonly __wasmModule: unique symbol;
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => WasmModuleHandle;
  validate(bytes: Uint8Array): boolean;
}

export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
