/**
 * Loading TensorFlow.js and choosing its backend, lazily: importing this library does not load
 * TensorFlow.js; the first churn model that is trained or loaded does.
 *
 * Backends, in the order `'auto'` tries them:
 * - `'node'`: `@tensorflow/tfjs-node` (native TensorFlow), used only when the user has installed it;
 *   it is never a dependency of this package.
 * - `'wasm'`: `@tensorflow/tfjs-backend-wasm` (a dependency). Its `.wasm` binaries ship inside the
 *   package's `dist/` folder; the folder is found from the module file Node actually loaded, so it works
 *   from the ESM and the CommonJS builds, from an installed package, under vitest and in tslab.
 * - `'cpu'`: the pure-JavaScript backend that comes with `@tensorflow/tfjs`, always available.
 *
 * TensorFlow.js has one global backend per process; every churn function switches to the backend it was
 * asked for (or the model was trained on) before it computes.
 *
 * @module
 */
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { InvalidOptionError } from '../core/errors.js';

/**
 * The TensorFlow.js namespace as this library uses it.
 *
 * @example
 * ```ts
 * import { loadTensorFlow, type Tf } from 'crm-mining';
 * const { tf } = await loadTensorFlow('cpu');
 * const t: Tf = tf; // the TensorFlow.js namespace, typed
 * console.log(t.tensor1d([1, 2, 3]).sum().dataSync()[0]); // 6
 * ```
 */
export type Tf = typeof TF;

/**
 * A backend to train and predict on. `'auto'` is node when installed, else wasm, else cpu.
 *
 * @example
 * ```ts
 * import { trainChurnModel, type ChurnBackend } from 'crm-mining';
 * declare const customers: Record<string, unknown>[];
 * // The pure-JavaScript backend: slower, but the same everywhere.
 * const backend: ChurnBackend = 'cpu';
 * const model = await trainChurnModel(customers, { target: 'churn', backend });
 * console.log(model.backend); // cpu
 * ```
 */
export type ChurnBackend = 'auto' | 'wasm' | 'cpu' | 'node';

/**
 * The backend actually in use (never `'auto'`).
 *
 * @example
 * ```ts
 * import { ChurnModel, type ResolvedBackend } from 'crm-mining';
 * const model = await ChurnModel.load('models/churn');
 * // The backend the model predicts on; 'auto' has been resolved to one of these.
 * const used: ResolvedBackend = model.backend;
 * console.log(used === 'node' ? 'native TensorFlow' : `TensorFlow.js ${used}`);
 * ```
 */
export type ResolvedBackend = 'wasm' | 'cpu' | 'node';

/**
 * The backends accepted by the `backend` option.
 *
 * @example
 * ```ts
 * import { CHURN_BACKENDS } from 'crm-mining';
 * console.log(CHURN_BACKENDS.join(', ')); // auto, wasm, cpu, node
 * ```
 */
export const CHURN_BACKENDS: readonly ChurnBackend[] = ['auto', 'wasm', 'cpu', 'node'];

/**
 * What {@link loadTensorFlow} returns: the namespace and the backend now active.
 *
 * @example
 * ```ts
 * import { loadTensorFlow, type TensorFlowRuntime } from 'crm-mining';
 * const runtime: TensorFlowRuntime = await loadTensorFlow();
 * console.log(runtime.backend, runtime.wasmPath ?? '(not the wasm backend)');
 * ```
 */
export interface TensorFlowRuntime {
  /** The `@tensorflow/tfjs` namespace. */
  readonly tf: Tf;
  /** The backend now active. */
  readonly backend: ResolvedBackend;
  /** For the wasm backend: the folder its `.wasm` files were loaded from. */
  readonly wasmPath?: string;
}

/** The tfjs name of each backend. */
const TF_NAME: Record<ResolvedBackend, string> = { wasm: 'wasm', cpu: 'cpu', node: 'tensorflow' };

let tfPromise: Promise<Tf> | undefined;
let wasmState: Promise<string | undefined> | undefined;
let nodeState: Promise<boolean> | undefined;
let cpuGreeted = false;

function pickNamespace<T>(mod: unknown, probe: string): T {
  const m = mod as Record<string, unknown> & { default?: Record<string, unknown> };
  if (typeof m[probe] === 'function') return m as T;
  if (m.default && typeof m.default[probe] === 'function') return m.default as T;
  return m as T;
}

/**
 * The `@tensorflow/tfjs` namespace, loaded once.
 *
 * @example
 * ```ts
 * import { tensorflow } from 'crm-mining';
 * // The namespace only, without choosing a backend (loaded once; later calls return the same module).
 * const tf = await tensorflow();
 * console.log(tf.version.tfjs);
 * ```
 */
export function tensorflow(): Promise<Tf> {
  tfPromise ??= import('@tensorflow/tfjs').then((m) => pickNamespace<Tf>(m, 'tensor'));
  return tfPromise;
}

/**
 * Finds the folder of a loaded CommonJS module file in Node's module cache: the exact file Node resolved
 * for the import, so no guess about where packages are installed.
 */
function loadedPackageDir(pattern: RegExp): string | undefined {
  // createRequire needs some absolute path, but nothing is resolved from it: only `cache`, the one
  // process-wide CommonJS module cache, is read.
  const cache = createRequire(process.cwd() + sep).cache;
  for (const key of Object.keys(cache)) if (pattern.test(key)) return dirname(key) + sep;
  return undefined;
}

async function initWasm(tf: Tf): Promise<string | undefined> {
  const wasm = pickNamespace<{ setWasmPaths(prefix: string): void }>(await import('@tensorflow/tfjs-backend-wasm'), 'setWasmPaths');
  const dir = loadedPackageDir(/[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/][^\\/]+\.js$/);
  // When the package was loaded as ESM (a bundler, a browser) the cache holds nothing: the backend's own
  // default location is used then.
  if (dir !== undefined) wasm.setWasmPaths(dir);
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not initialise');
  return dir;
}

async function initNode(): Promise<boolean> {
  // A variable name keeps TypeScript and bundlers from resolving the optional package at build time.
  const name = '@tensorflow/tfjs-node';
  try {
    await import(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `@tensorflow/tfjs-node` can be loaded here (it registers the `'node'` backend).
 *
 * @example
 * ```ts
 * import { hasNodeBackend } from 'crm-mining';
 * // true only where the optional tfjs-node package is installed.
 * console.log((await hasNodeBackend()) ? "'auto' will use tfjs-node" : "'auto' will use wasm or cpu");
 * ```
 */
export async function hasNodeBackend(): Promise<boolean> {
  const tf = await tensorflow();
  nodeState ??= initNode();
  return (await nodeState) && tf.findBackend(TF_NAME.node) !== undefined;
}

/**
 * Loads TensorFlow.js and activates a backend.
 *
 * @param backend - `'auto'` (default): node when `@tensorflow/tfjs-node` is installed, else wasm, else cpu;
 *   `'wasm'`, `'cpu'`: that backend, or an error; `'node'`: tfjs-node, or an error saying it is not installed.
 * @throws InvalidOptionError for an unknown backend name or one that cannot be used here.
 *
 * @example
 * ```ts
 * import { loadTensorFlow } from 'crm-mining';
 * const { tf, backend } = await loadTensorFlow('cpu');
 * console.log(backend, tf.getBackend()); // cpu cpu
 * ```
 */
export async function loadTensorFlow(backend: ChurnBackend = 'auto'): Promise<TensorFlowRuntime> {
  if (!CHURN_BACKENDS.includes(backend)) {
    throw new InvalidOptionError('backend', `expected one of ${CHURN_BACKENDS.map((b) => `'${b}'`).join(', ')}, got ${JSON.stringify(backend)}`);
  }
  const tf = await tensorflow();
  if (backend === 'node' || backend === 'auto') {
    if (await hasNodeBackend()) {
      if (tf.getBackend() !== TF_NAME.node) await tf.setBackend(TF_NAME.node);
      return { tf, backend: 'node' };
    }
    if (backend === 'node') {
      throw new InvalidOptionError('backend', "'node' needs @tensorflow/tfjs-node, which is not installed here; use 'wasm' or 'cpu'");
    }
  }
  if (backend === 'wasm' || backend === 'auto') {
    try {
      wasmState ??= initWasm(tf);
      const dir = await wasmState;
      if (tf.getBackend() !== 'wasm') await tf.setBackend('wasm');
      return dir === undefined ? { tf, backend: 'wasm' } : { tf, backend: 'wasm', wasmPath: dir };
    } catch (err) {
      wasmState = undefined;
      if (backend === 'wasm') {
        throw new InvalidOptionError('backend', `the wasm backend could not start: ${(err as Error).message}; use 'cpu'`);
      }
    }
  }
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  if (!cpuGreeted) {
    // The cpu backend prints a banner advising tfjs-node on its first tensor; this library reports the
    // backend itself, so that first tensor is made here with warnings briefly off.
    cpuGreeted = true;
    const prod = tf.env().getBool('PROD');
    tf.env().set('PROD', true);
    try {
      tf.tensor1d([0]).dispose();
    } finally {
      tf.env().set('PROD', prod);
    }
  }
  return { tf, backend: 'cpu' };
}
