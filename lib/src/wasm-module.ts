// Instantiating the library's WebAssembly modules (assembled from their .wat at build time,
// carried as base64), and growing their memory. Each module's caller keeps a TypeScript path
// with the same results for engines and pages where the module cannot run.

/** The part of the WebAssembly API used here (the library compiles without the DOM's typings). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

/** What every module exports: its memory. */
export interface WasmMemory {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
}

const PAGE = 65536;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The module's exports, or null where the engine cannot run it (no WebAssembly, or not the
 * features it uses, e.g. SIMD) or a page's Content-Security-Policy forbids compiling it.
 */
export function instantiate<T extends WasmMemory>(base64: string): T | null {
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  const bytes = decodeBase64(base64);
  if (!wasm?.validate(bytes)) return null;
  try {
    return new wasm.Instance(new wasm.Module(bytes)).exports as T;
  } catch (refused) {
    if (refused instanceof Error && /CompileError|EvalError/.test(refused.name)) return null;
    throw refused;
  }
}

/**
 * The module's memory, grown to hold at least `bytes` (it never shrinks: the largest call so
 * far sets its size), or null when it cannot grow that far.
 */
export function memoryOf(module: WasmMemory, bytes: number): ArrayBuffer | null {
  const { memory } = module;
  const missing = Math.ceil((bytes - memory.buffer.byteLength) / PAGE);
  if (missing > 0) {
    try {
      memory.grow(missing);
    } catch (full) {
      if (full instanceof RangeError) return null; // past 4 GiB or the engine's limit
      throw full;
    }
  }
  return memory.buffer;
}
