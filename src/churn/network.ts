/**
 * The network: a multilayer perceptron in TensorFlow.js whose single output is the log-odds of churn,
 * trained by a seeded loop of our own (Adam, weighted binary cross-entropy, L2, dropout, early stopping
 * with the best weights restored). A network with no hidden layer is logistic regression.
 *
 * Why a loop of our own rather than `model.fit`: tfjs shuffles with `Math.random`, and its dropout layer
 * with a fixed seed draws the same mask on every batch. Here the shuffle and a fresh dropout seed per
 * batch come from the library's seeded {@link Random}, and the kernel initialisers are seeded too, so one
 * seed gives one model on one backend.
 *
 * @module
 */
import type * as TF from '@tensorflow/tfjs';
import { Random } from '../core/rng.js';
import type { Tf } from './backend.js';

/**
 * Hidden-layer activation functions.
 *
 * @example
 * ```ts
 * import { trainChurnModel, type ChurnActivation } from 'crm-mining';
 * declare const customers: Record<string, unknown>[];
 * const activation: ChurnActivation = 'tanh';
 * const model = await trainChurnModel(customers, { target: 'churn', hiddenLayers: [16], activation });
 * console.log(model.settings.activation); // tanh
 * ```
 */
export type ChurnActivation = 'relu' | 'elu' | 'selu' | 'tanh' | 'sigmoid';

/**
 * The architecture and training settings of a network (all resolved: no defaults here).
 *
 * @example
 * ```ts
 * import { resolveTrainingOptions, type NetworkSettings } from 'crm-mining';
 * // trainChurnModel fills these from its options; resolveTrainingOptions shows the defaults.
 * const { hiddenLayers, activation, dropout, l2, learningRate, batchSize, epochs, patience, minDelta } = resolveTrainingOptions({ target: 'churn' });
 * const settings: NetworkSettings = { hiddenLayers, activation, dropout, l2, learningRate, batchSize, epochs, patience, minDelta };
 * console.log(settings.hiddenLayers, settings.epochs, settings.patience); // [32, 16] 60 5
 * ```
 */
export interface NetworkSettings {
  /** Units of each hidden layer; empty for logistic regression. */
  hiddenLayers: number[];
  /** Activation of the hidden layers. */
  activation: ChurnActivation;
  /** Dropout rate after each hidden layer, in [0, 1). */
  dropout: number;
  /** L2 penalty on every kernel (added to the loss as l2 · Σw²). */
  l2: number;
  /** Adam's learning rate. */
  learningRate: number;
  /** Rows per batch. */
  batchSize: number;
  /** Most epochs. */
  epochs: number;
  /** Epochs without improvement of the validation loss before stopping. */
  patience: number;
  /** Smallest decrease of the validation loss that counts as an improvement. */
  minDelta: number;
}

/**
 * One epoch of training.
 *
 * @example
 * ```ts
 * import { trainChurnModel, type EpochRecord } from 'crm-mining';
 * declare const customers: Record<string, unknown>[];
 * const model = await trainChurnModel(customers, {
 *   target: 'churn',
 *   onEpoch: (r) => console.log(`epoch ${r.epoch}/${r.epochs}: loss ${r.loss.toFixed(4)}, validation ${r.valLoss.toFixed(4)}`),
 * });
 * const history: readonly EpochRecord[] = model.history;
 * console.log(history.length, model.bestEpoch);
 * ```
 */
export interface EpochRecord {
  /** 1-based epoch. */
  readonly epoch: number;
  /** Mean weighted training loss over the epoch's batches (without the L2 term). */
  readonly loss: number;
  /** Weighted validation loss (NaN without a validation set). */
  readonly valLoss: number;
  /** Milliseconds the epoch took. */
  readonly ms: number;
}

/**
 * Rows of encoded features with weights and labels, as training wants them.
 *
 * @example
 * ```ts
 * import { loadTensorFlow, predictLogits, trainNetwork, type NetworkSettings, type TrainingSet } from 'crm-mining';
 * const { tf } = await loadTensorFlow('cpu');
 * // Four rows of two encoded features; the label is 1 when the second feature is large.
 * const x = Float32Array.of(0.1, 1, 0.9, 0, 0.2, 0.8, 0.8, 0.1);
 * const train: TrainingSet = { x, y: Float32Array.of(1, 0, 1, 0), w: Float32Array.of(1, 1, 1, 1), rows: 4 };
 * const settings: NetworkSettings = { hiddenLayers: [], activation: 'relu', dropout: 0, l2: 0, learningRate: 0.1, batchSize: 4, epochs: 100, patience: 5, minDelta: 0 };
 * const { model } = trainNetwork(tf, train, undefined, 2, settings, 1);
 * console.log(Array.from(predictLogits(tf, model, x, 4, 2), (z) => (z > 0 ? 1 : 0))); // [1, 0, 1, 0]
 * ```
 */
export interface TrainingSet {
  /** Row-major features. */
  x: Float32Array;
  /** 0/1 labels. */
  y: Float32Array;
  /** Per-row loss weight. */
  w: Float32Array;
  /** Rows. */
  rows: number;
}

/**
 * A trained network and how it got there.
 *
 * @example
 * ```ts
 * import { loadTensorFlow, trainNetwork, type TrainedNetwork, type TrainingSet, type NetworkSettings } from 'crm-mining';
 * declare const train: TrainingSet, validation: TrainingSet, settings: NetworkSettings;
 * const { tf } = await loadTensorFlow();
 * const trained: TrainedNetwork = trainNetwork(tf, train, validation, 12, settings, 42);
 * // With a validation set, the weights of the best epoch are kept.
 * console.log(trained.bestEpoch, trained.stoppedEarly, trained.history.length);
 * trained.model.dispose();
 * ```
 */
export interface TrainedNetwork {
  /** The model: encoded features in, log-odds out. */
  model: TF.Sequential;
  /** Per-epoch losses. */
  history: EpochRecord[];
  /** The epoch whose weights were kept (1-based). */
  bestEpoch: number;
  /** Whether training stopped before `epochs`. */
  stoppedEarly: boolean;
}

/**
 * Builds the (untrained) network with seeded initialisers.
 *
 * @example
 * ```ts
 * import { Random, buildNetwork, loadTensorFlow } from 'crm-mining';
 * const { tf } = await loadTensorFlow('cpu');
 * const net = buildNetwork(tf, 10, { hiddenLayers: [16, 8], activation: 'relu' }, new Random(1));
 * // 10·16 + 16, 16·8 + 8, 8·1 + 1 weights:
 * console.log(net.layers.length, net.countParams()); // 3 321
 * ```
 */
export function buildNetwork(tf: Tf, inputs: number, settings: Pick<NetworkSettings, 'hiddenLayers' | 'activation'>, rng: Random): TF.Sequential {
  const model = tf.sequential();
  let first = true;
  const seed = (): number => rng.nextUint32() % 2147483647;
  for (const units of settings.hiddenLayers) {
    const init =
      settings.activation === 'relu' || settings.activation === 'elu'
        ? tf.initializers.heUniform({ seed: seed() })
        : settings.activation === 'selu'
          ? tf.initializers.leCunNormal({ seed: seed() })
          : tf.initializers.glorotUniform({ seed: seed() });
    model.add(
      tf.layers.dense({
        units,
        activation: settings.activation,
        kernelInitializer: init,
        biasInitializer: 'zeros',
        ...(first ? { inputShape: [inputs] } : {}),
      }),
    );
    first = false;
  }
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'linear',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed() }),
      biasInitializer: 'zeros',
      ...(first ? { inputShape: [inputs] } : {}),
    }),
  );
  return model;
}

/** Weighted sigmoid cross-entropy from logits: Σ wᵢ·ℓᵢ / Σ wᵢ, ℓ = max(z,0) − z·y + log(1 + e^(−|z|)). */
function weightedLoss(tf: Tf, logits: TF.Tensor, y: TF.Tensor, w: TF.Tensor): TF.Scalar {
  const z = logits.reshape([-1]);
  const l = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  return tf.div(tf.sum(tf.mul(l, w)), tf.sum(w)) as TF.Scalar;
}

/**
 * Log-odds of each row (float64 copy), computed in chunks.
 *
 * @example
 * ```ts
 * import { loadTensorFlow, predictLogits, sigmoid, type ChurnModel } from 'crm-mining';
 * import type { DataTable } from 'crm-mining';
 * declare const model: ChurnModel, table: DataTable;
 * const { tf } = await loadTensorFlow(model.backend);
 * const enc = model.preprocessor.transform(table);
 * // Raw network log-odds; model.predictProbabilities also removes the class-weight shift and applies Platt scaling.
 * const logits = predictLogits(tf, model.network, enc.data, enc.rows, enc.cols);
 * console.log(Array.from(logits, (z) => sigmoid(z - model.priorShift)));
 * ```
 */
export function predictLogits(tf: Tf, model: TF.Sequential, x: Float32Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  const chunk = 16384;
  for (let s = 0; s < rows; s += chunk) {
    const e = Math.min(rows, s + chunk);
    const part = tf.tidy(() => {
      const t = tf.tensor2d(x.subarray(s * cols, e * cols), [e - s, cols]);
      return (model.predict(t, { batchSize: e - s }) as TF.Tensor).dataSync();
    });
    for (let i = s; i < e; i++) out[i] = part[i - s];
  }
  return out;
}

/**
 * Trains a network. With a validation set, the validation loss is watched after every epoch: training
 * stops after `patience` epochs without improvement and the best epoch's weights are restored.
 *
 * @example
 * ```ts
 * import { Random, loadTensorFlow, trainNetwork } from 'crm-mining';
 * const { tf } = await loadTensorFlow('cpu');
 * // 200 rows of 3 random features; churn when the first exceeds the second.
 * const rng = new Random(5);
 * const x = Float32Array.from({ length: 600 }, () => rng.next());
 * const y = Float32Array.from({ length: 200 }, (_, i) => (x[3 * i] > x[3 * i + 1] ? 1 : 0));
 * const set = { x, y, w: new Float32Array(200).fill(1), rows: 200 };
 * const settings = { hiddenLayers: [8], activation: 'relu' as const, dropout: 0, l2: 0, learningRate: 0.05, batchSize: 32, epochs: 30, patience: 3, minDelta: 1e-4 };
 * const trained = trainNetwork(tf, set, set, 3, settings, 7, (r) => r.epoch % 10 === 0 && console.log(r.epoch, r.loss.toFixed(3)));
 * console.log(trained.bestEpoch, trained.stoppedEarly);
 * ```
 */
export function trainNetwork(
  tf: Tf,
  train: TrainingSet,
  validation: TrainingSet | undefined,
  cols: number,
  settings: NetworkSettings,
  seed: number,
  onEpoch?: (record: EpochRecord) => void,
  shouldStop?: () => void,
): TrainedNetwork {
  const rng = new Random(seed);
  const model = buildNetwork(tf, cols, settings, rng.fork());
  const shuffler = rng.fork();
  const dropoutRng = rng.fork();
  const dense = model.layers;
  const vars = model.trainableWeights.map((v) => v.read() as TF.Variable);
  const kernels = dense.map((l) => l.trainableWeights[0]?.read());
  const optimizer = tf.train.adam(settings.learningRate);
  const xs = tf.tensor2d(train.x, [train.rows, cols]);
  const ys = tf.tensor1d(train.y);
  const ws = tf.tensor1d(train.w);
  const vx = validation && tf.tensor2d(validation.x, [validation.rows, cols]);
  const vy = validation && tf.tensor1d(validation.y);
  const vw = validation && tf.tensor1d(validation.w);
  const order = new Int32Array(train.rows);
  for (let i = 0; i < train.rows; i++) order[i] = i;
  const history: EpochRecord[] = [];
  let best = Infinity;
  let bestEpoch = 0;
  let bestWeights: TF.Tensor[] | undefined;
  let wait = 0;
  let stoppedEarly = false;
  const rate = settings.dropout;
  try {
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      shouldStop?.();
      const t0 = performance.now();
      shuffler.shuffle(order);
      let lossSum = 0;
      let batches = 0;
      for (let s = 0; s < train.rows; s += settings.batchSize) {
        const e = Math.min(train.rows, s + settings.batchSize);
        const idx = tf.tensor1d(order.subarray(s, e), 'int32');
        const xb = tf.gather(xs, idx);
        const yb = tf.gather(ys, idx);
        const wb = tf.gather(ws, idx);
        const seeds = dense.map(() => dropoutRng.nextUint32());
        const cost = optimizer.minimize(
          () => {
            let h: TF.Tensor = xb;
            for (let k = 0; k < dense.length; k++) {
              h = dense[k].apply(h) as TF.Tensor;
              if (k < dense.length - 1 && rate > 0) h = tf.dropout(h, rate, undefined, seeds[k]);
            }
            const data = weightedLoss(tf, h, yb, wb);
            if (settings.l2 <= 0) return data;
            let penalty: TF.Tensor = tf.scalar(0);
            for (const k of kernels) if (k) penalty = tf.add(penalty, tf.sum(tf.square(k)));
            return tf.add(data, tf.mul(penalty, settings.l2)) as TF.Scalar;
          },
          true,
          vars,
        );
        lossSum += cost ? cost.dataSync()[0] : NaN;
        batches++;
        cost?.dispose();
        tf.dispose([idx, xb, yb, wb]);
      }
      let valLoss = NaN;
      if (vx && vy && vw) {
        valLoss = tf.tidy(() => weightedLoss(tf, model.predict(vx, { batchSize: validation.rows }) as TF.Tensor, vy, vw).dataSync()[0]);
      }
      const record: EpochRecord = { epoch, loss: lossSum / batches, valLoss, ms: performance.now() - t0 };
      history.push(record);
      onEpoch?.(record);
      if (vx) {
        if (valLoss < best - settings.minDelta) {
          best = valLoss;
          bestEpoch = epoch;
          if (bestWeights) tf.dispose(bestWeights);
          bestWeights = model.getWeights().map((t) => t.clone());
          wait = 0;
        } else if (++wait >= settings.patience) {
          stoppedEarly = epoch < settings.epochs;
          break;
        }
      } else bestEpoch = epoch;
    }
    if (bestWeights) model.setWeights(bestWeights);
  } finally {
    if (bestWeights) tf.dispose(bestWeights);
    tf.dispose([xs, ys, ws]);
    if (vx) tf.dispose([vx, vy as TF.Tensor, vw as TF.Tensor]);
    optimizer.dispose();
  }
  return { model, history, bestEpoch, stoppedEarly };
}
