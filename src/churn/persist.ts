/**
 * Saving and loading churn models without tfjs-node: a custom TensorFlow.js save handler receives the
 * model artifacts in memory and this module writes them as `model.json` (topology and weights manifest,
 * the standard layers-model format) and `weights.bin`; `churn.json` holds the schema, preprocessing and
 * settings. Loading reads the three files back and hands the artifacts to `tf.loadLayersModel` through
 * `tf.io.fromMemory`.
 *
 * @module
 */
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { CrmMiningError, FileError } from '../core/errors.js';
import { toFileError, writeFileAtomic } from '../data/files.js';
import { loadTensorFlow, type ChurnBackend } from './backend.js';
import { ChurnModel, type ChurnModelJSON } from './model.js';
import { ChurnPreprocessor } from './preprocess.js';

/**
 * The files of a saved churn model.
 *
 * @example
 * ```ts
 * import { existsSync } from 'node:fs';
 * import { join } from 'node:path';
 * import { CHURN_MODEL_FILES, type ChurnModel } from 'crm-mining';
 * declare const model: ChurnModel;
 * await model.save('models/churn');
 * for (const file of Object.values(CHURN_MODEL_FILES)) console.log(file, existsSync(join('models/churn', file)));
 * // model.json true
 * // weights.bin true
 * // churn.json true
 * ```
 */
export const CHURN_MODEL_FILES = { model: 'model.json', weights: 'weights.bin', churn: 'churn.json' } as const;

let tmpCounter = 0;

async function writeBinaryAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++tmpCounter}.tmp`);
  try {
    const h = await open(temp, 'w');
    try {
      await h.writeFile(bytes);
      await h.sync();
    } finally {
      await h.close();
    }
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw toFileError(path, err);
  }
}

function joinWeights(data: TF.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const parts = Array.isArray(data) ? data : [data];
  let total = 0;
  for (const p of parts) total += p.byteLength;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out;
}

/** Writes `model` to `dir` (see {@link ChurnModel.save}). */
export async function saveChurnModel(model: ChurnModel, dir: string): Promise<void> {
  if (typeof dir !== 'string' || dir === '') throw new FileError(String(dir), 'expected a folder path');
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw toFileError(dir, err);
  }
  const { tf } = await loadTensorFlow(model.backend);
  let artifacts: TF.io.ModelArtifacts | undefined;
  await model.network.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts) throw new CrmMiningError('TensorFlow.js gave no model artifacts to save');
  const weights = joinWeights(artifacts.weightData);
  const modelJson = {
    format: 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [CHURN_MODEL_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
  };
  await writeBinaryAtomic(join(dir, CHURN_MODEL_FILES.weights), weights);
  await writeFileAtomic(join(dir, CHURN_MODEL_FILES.model), JSON.stringify(modelJson));
  await writeFileAtomic(join(dir, CHURN_MODEL_FILES.churn), JSON.stringify(model.toJSON(), null, 1));
}

async function readOrFail(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const e = toFileError(path, err);
    throw new FileError(path, `cannot read the saved churn model: ${e.message}`);
  }
}

function parseJson(path: string, bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new FileError(path, `corrupt churn model file (not JSON: ${(err as Error).message})`);
  }
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** Reads a model written by {@link saveChurnModel} (see {@link ChurnModel.load}). */
export async function loadChurnModel(dir: string, backend?: ChurnBackend): Promise<ChurnModel> {
  if (typeof dir !== 'string' || dir === '') throw new FileError(String(dir), 'expected a folder path');
  const churnPath = join(dir, CHURN_MODEL_FILES.churn);
  const modelPath = join(dir, CHURN_MODEL_FILES.model);
  const weightsPath = join(dir, CHURN_MODEL_FILES.weights);
  const meta = parseJson(churnPath, await readOrFail(churnPath)) as ChurnModelJSON;
  if (meta === null || typeof meta !== 'object' || meta.format !== 'crm-mining/churn-model' || meta.version !== 1) {
    throw new FileError(churnPath, 'not a crm-mining churn model (format "crm-mining/churn-model", version 1 expected)');
  }
  const topo = parseJson(modelPath, await readOrFail(modelPath)) as {
    modelTopology?: unknown;
    weightsManifest?: { paths: string[]; weights: TF.io.WeightsManifestEntry[] }[];
  };
  if (topo === null || typeof topo !== 'object' || !topo.modelTopology || !Array.isArray(topo.weightsManifest)) {
    throw new FileError(modelPath, 'corrupt model.json: no modelTopology or weightsManifest');
  }
  const specs = topo.weightsManifest.flatMap((g) => g.weights ?? []);
  const weights = await readOrFail(weightsPath);
  let expected = 0;
  for (const s of specs) {
    const size = DTYPE_BYTES[s.dtype ?? 'float32'];
    if (size === undefined || !Array.isArray(s.shape)) throw new FileError(modelPath, `corrupt weights manifest entry "${String(s.name)}"`);
    expected += size * s.shape.reduce((a, b) => a * b, 1);
  }
  if (weights.byteLength !== expected) {
    throw new FileError(weightsPath, `corrupt weights: ${weights.byteLength} bytes, the manifest needs ${expected}`);
  }
  let preprocessor: ChurnPreprocessor;
  try {
    preprocessor = ChurnPreprocessor.fromJSON(meta.preprocessing);
  } catch (err) {
    throw new FileError(churnPath, `corrupt preprocessing: ${(err as Error).message}`);
  }
  const runtime = backend !== undefined ? await loadTensorFlow(backend) : await loadTensorFlow(meta.backend ?? 'auto').catch(() => loadTensorFlow('auto'));
  const { tf } = runtime;
  const buffer = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  let network: TF.Sequential;
  try {
    const m = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: topo.modelTopology as object, weightSpecs: specs, weightData: buffer }));
    network = m as TF.Sequential;
  } catch (err) {
    throw new FileError(modelPath, `corrupt network: ${(err as Error).message}`);
  }
  const inputs = network.inputs[0]?.shape?.[1];
  if (inputs !== preprocessor.width) {
    network.dispose();
    throw new FileError(modelPath, `the network takes ${String(inputs)} inputs but the preprocessing gives ${preprocessor.width}`);
  }
  return new ChurnModel(tf, network, { ...meta, backend: runtime.backend }, preprocessor);
}
