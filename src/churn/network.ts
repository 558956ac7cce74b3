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
 * For speed the loop does not use tfjs's autodiff either: at churn-table sizes TensorFlow.js's cost per
 * operation, not the arithmetic, sets the time, so the gradients and the Adam update are written out on
 * one flat weight vector (about 80 kernels per batch instead of 274; see algorithms/neural-churn.md).
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

/** Where one dense layer's kernel (inputs × units, row-major) and bias sit in the flat parameter vector. */
interface LayerSlot {
  readonly inputs: number;
  readonly units: number;
  readonly kernel: number;
  readonly bias: number;
}

/** The slots of layers of the given widths (inputs first, the output unit last) and the vector's length. */
function parameterLayout(widths: readonly number[]): { slots: LayerSlot[]; size: number } {
  const slots: LayerSlot[] = [];
  let at = 0;
  for (let k = 1; k < widths.length; k++) {
    const inputs = widths[k - 1];
    const units = widths[k];
    slots.push({ inputs, units, kernel: at, bias: at + inputs * units });
    at += inputs * units + units;
  }
  return { slots, size: at };
}

/** The layer activations tfjs-layers fuses into its matrix product (the others it applies afterwards). */
const FUSED: Partial<Record<ChurnActivation, 'relu' | 'elu'>> = { relu: 'relu', elu: 'elu' };

/** SELU's constants, as tfjs uses them. */
const SELU_SCALE = 1.0507009873554804934193349852946;
const SELU_SCALE_ALPHA = 1.7580993408473768599402175208123;

/** One dense layer as tfjs-layers computes it: x·W + b, then the activation (fused where tfjs-layers fuses it). */
function denseForward(tf: Tf, x: TF.Tensor2D, w: TF.Tensor2D, b: TF.Tensor1D, activation: ChurnActivation | 'linear'): TF.Tensor2D {
  const fused = activation === 'linear' ? 'linear' : FUSED[activation];
  if (fused) return tf.fused.matMul({ a: x, b: w, bias: b, activation: fused }) as TF.Tensor2D;
  const z = tf.fused.matMul({ a: x, b: w, bias: b });
  return (activation === 'selu' ? tf.selu(z) : activation === 'tanh' ? tf.tanh(z) : tf.sigmoid(z)) as TF.Tensor2D;
}

/** The activation's derivative, written in terms of its output h (every supported activation allows it). */
function activationSlope(tf: Tf, h: TF.Tensor2D, activation: ChurnActivation): TF.Tensor {
  switch (activation) {
    case 'relu':
      return tf.step(h);
    case 'elu': // 1 for h ≥ 0, e^z = h + 1 below
      return tf.add(tf.minimum(h, 0), 1);
    case 'selu': // scale for h > 0, scale·alpha·e^z = h + scale·alpha otherwise
      return tf.add(tf.add(tf.minimum(h, 0), SELU_SCALE_ALPHA), tf.mul(tf.step(h), SELU_SCALE - SELU_SCALE_ALPHA));
    case 'tanh':
      return tf.sub(1, tf.square(h));
    case 'sigmoid':
      return tf.mul(h, tf.sub(1, h));
  }
}

/** Kernels and biases viewed out of the flat parameter vector. */
function unpack(tf: Tf, theta: TF.Tensor1D, slots: readonly LayerSlot[]): { w: TF.Tensor2D; b: TF.Tensor1D }[] {
  return slots.map((s) => ({
    w: tf.reshape(tf.slice(theta, s.kernel, s.inputs * s.units), [s.inputs, s.units]),
    b: tf.slice(theta, s.bias, s.units),
  }));
}

/** The network's log-odds ([rows, 1]) from the flat parameters, without dropout. */
function forwardLogits(tf: Tf, theta: TF.Tensor1D, slots: readonly LayerSlot[], x: TF.Tensor2D, activation: ChurnActivation): TF.Tensor2D {
  const params = unpack(tf, theta, slots);
  let h = x;
  for (let k = 0; k < params.length; k++) h = denseForward(tf, h, params[k].w, params[k].b, k < params.length - 1 ? activation : 'linear');
  return h;
}

/** Weighted sigmoid cross-entropy from logits: Σ wᵢ·ℓᵢ / Σ wᵢ, ℓ = max(z,0) − z·y + log(1 + e^(−|z|)). */
function weightedLoss(tf: Tf, logits: TF.Tensor, y: TF.Tensor, w: TF.Tensor): TF.Scalar {
  const z = logits.reshape([-1]);
  const l = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  return tf.div(tf.sum(tf.mul(l, w)), tf.sum(w)) as TF.Scalar;
}

/** Adam's constants (tfjs's defaults; epsilon is the backend's). */
const BETA1 = 0.9;
const BETA2 = 0.999;

/** One epoch's rows in shuffled order, with the per-row factors of the loss. */
interface EpochRows {
  /** Features, row-major. */
  x: Float32Array;
  /** The sign s = 1 − 2y: the loss of a row is softplus(s·z). */
  sign: Float32Array;
  /** The row's share of its batch's weight, wᵢ / Σ_batch w. */
  share: Float32Array;
  /** share · sign: ∂loss/∂z = shareSign · σ(s·z). */
  shareSign: Float32Array;
}

/**
 * Copies the rows in `order` into `into`, whose batch ranges become the batch tensors: fresh tensors per
 * batch rather than slices of one epoch tensor, since the wasm backend's slice reads its whole input.
 * The arrays are reused from epoch to epoch (allocating a megabyte each epoch costs more than the copy);
 * the cpu backend may keep a view of them, but each batch's tensors are freed before the next epoch.
 */
function fillEpochRows(into: EpochRows, train: TrainingSet, cols: number, order: Int32Array, batchSize: number): void {
  const n = train.rows;
  const { x, sign, share, shareSign } = into;
  for (let s = 0; s < n; s += batchSize) {
    const e = Math.min(n, s + batchSize);
    let total = 0;
    for (let t = s; t < e; t++) total += train.w[order[t]];
    for (let t = s; t < e; t++) {
      const i = order[t];
      for (let c = 0, from = i * cols, to = t * cols; c < cols; c++) x[to + c] = train.x[from + c];
      sign[t] = 1 - 2 * train.y[i];
      share[t] = train.w[i] / total;
      shareSign[t] = share[t] * sign[t];
    }
  }
}

/**
 * Trains a network. With a validation set, the validation loss is watched after every epoch: training
 * stops after `patience` epochs without improvement and the best epoch's weights are restored.
 *
 * The loop works on one flat parameter vector with hand-written back-propagation and Adam (the same
 * update as tfjs's `train.adam`), each batch in one `tidy` and with no read-back from the device until
 * the epoch ends: TensorFlow.js's cost per operation, not the arithmetic, dominates at churn-table
 * sizes, and this takes about a quarter of the operations of `optimizer.minimize` on the layers. The
 * trained weights are written into the returned tfjs-layers model.
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
  const { slots, size } = parameterLayout([cols, ...settings.hiddenLayers, 1]);
  const depth = slots.length;
  const rate = settings.dropout;
  const activation = settings.activation;
  const epsilon = tf.backend().epsilon();
  // The wasm backend multiplies a transposed operand by a slow generic loop (about seven times the time
  // of its XNNPACK path at these sizes), so there the transpose is made explicitly first.
  const explicitTranspose = tf.getBackend() === 'wasm';
  const product = (a: TF.Tensor2D, b: TF.Tensor2D, transposeA: boolean, transposeB: boolean): TF.Tensor2D =>
    explicitTranspose
      ? tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b)
      : tf.matMul(a, b, transposeA, transposeB);
  const order = new Int32Array(train.rows);
  for (let i = 0; i < train.rows; i++) order[i] = i;
  const data: EpochRows = {
    x: new Float32Array(train.rows * cols),
    sign: new Float32Array(train.rows),
    share: new Float32Array(train.rows),
    shareSign: new Float32Array(train.rows),
  };
  const history: EpochRecord[] = [];
  let best = Infinity;
  let bestEpoch = 0;
  let stoppedEarly = false;
  let wait = 0;
  let step = 0;
  let finished = false;
  // Every tensor the loop owns, disposed in `finally` (the per-batch ones live inside a tidy).
  const held: TF.Tensor[] = [];
  const hold = <T extends TF.Tensor>(t: T): T => {
    held.push(t);
    return t;
  };
  const release = (t: TF.Tensor | undefined): void => {
    if (!t) return;
    t.dispose();
    const at = held.indexOf(t);
    if (at >= 0) held.splice(at, 1);
  };
  try {
    // The seeded initial weights, laid out kernel, bias, kernel, bias, … as the model holds them.
    let theta = hold(tf.tidy(() => tf.concat(model.getWeights().map((t) => tf.reshape(t, [-1]))) as TF.Tensor1D));
    let m = hold(tf.zeros([size]) as TF.Tensor1D);
    let v = hold(tf.zeros([size]) as TF.Tensor1D);
    let bestTheta: TF.Tensor1D | undefined;
    const keep = hold(tf.scalar(1 - rate));
    const beta1 = hold(tf.scalar(BETA1));
    const beta2 = hold(tf.scalar(BETA2));
    const rest1 = hold(tf.scalar(1 - BETA1));
    const rest2 = hold(tf.scalar(1 - BETA2));
    // The gradient of the penalty λ·Σw² is 2λ·w on kernel weights and 0 on biases.
    let decay: TF.Tensor1D | undefined;
    if (settings.l2 > 0) {
      const d = new Float32Array(size);
      for (const s of slots) d.fill(2 * settings.l2, s.kernel, s.bias);
      decay = hold(tf.tensor1d(d));
    }
    const vx = validation && hold(tf.tensor2d(validation.x, [validation.rows, cols]));
    const vy = validation && hold(tf.tensor1d(validation.y));
    const vw = validation && hold(tf.tensor1d(validation.w));
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      shouldStop?.();
      const t0 = performance.now();
      shuffler.shuffle(order);
      fillEpochRows(data, train, cols, order, settings.batchSize);
      const losses: TF.Tensor[] = [];
      try {
        for (let s = 0; s < train.rows; s += settings.batchSize) {
          const e = Math.min(train.rows, s + settings.batchSize);
          const n = e - s;
          // One seed per layer and batch, drawn as before (the output layer's goes unused).
          const seeds = slots.map(() => dropoutRng.nextUint32());
          step++;
          // Adam's bias corrections folded into the step size and epsilon (the same update as tfjs's).
          const root2 = Math.sqrt(1 - BETA2 ** step);
          const stepSize = (settings.learningRate * root2) / (1 - BETA1 ** step);
          const [theta2, m2, v2, loss] = tf.tidy(() => {
            const params = unpack(tf, theta, slots);
            // Forward, keeping each layer's input, activation output and dropout multiplier.
            const inputs: TF.Tensor2D[] = [tf.tensor2d(data.x.subarray(s * cols, e * cols), [n, cols])];
            const outputs: TF.Tensor2D[] = [];
            const masks: (TF.Tensor2D | undefined)[] = [];
            for (let k = 0; k < depth - 1; k++) {
              const h = denseForward(tf, inputs[k], params[k].w, params[k].b, activation);
              outputs.push(h);
              // tf.dropout's multiplier, drawn from the same seed: floor(U + keep) / keep.
              const mask = rate > 0 ? tf.div(tf.floor(tf.add(tf.randomUniform([n, slots[k].units], 0, 1, 'float32', seeds[k]), keep)), keep) : undefined;
              masks.push(mask as TF.Tensor2D | undefined);
              inputs.push(mask ? tf.mul(h, mask) : h);
            }
            const z = denseForward(tf, inputs[depth - 1], params[depth - 1].w, params[depth - 1].b, 'linear');
            // With u = s·z the weighted loss is Σ shareᵢ·softplus(uᵢ), and ∂/∂z = share·s·σ(u).
            const u = tf.mul(z, tf.tensor2d(data.sign.subarray(s, e), [n, 1]));
            const batchLoss = tf.matMul(tf.tensor2d(data.share.subarray(s, e), [1, n]), tf.softplus(u));
            let g: TF.Tensor2D = tf.mul(tf.sigmoid(u), tf.tensor2d(data.shareSign.subarray(s, e), [n, 1]));
            const grads: TF.Tensor1D[] = new Array(2 * depth);
            const ones = tf.ones([1, n]) as TF.Tensor2D;
            for (let k = depth - 1; k >= 0; k--) {
              grads[2 * k] = tf.reshape(product(inputs[k], g, true, false), [-1]);
              // Column sums as a product with a row of ones: far cheaper than tf.sum over axis 0 on cpu.
              grads[2 * k + 1] = tf.reshape(tf.matMul(ones, g), [-1]);
              if (k > 0) {
                const slope = activationSlope(tf, outputs[k - 1], activation);
                const mask = masks[k - 1];
                g = tf.mul(product(g, params[k].w, false, true), mask ? tf.mul(slope, mask) : slope);
              }
            }
            let grad: TF.Tensor1D = tf.concat(grads);
            if (decay) grad = tf.add(grad, tf.mul(decay, theta));
            const m1 = tf.add(tf.mul(m, beta1), tf.mul(grad, rest1));
            const v1 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(grad), rest2));
            const update = tf.div(m1, tf.add(tf.sqrt(v1), epsilon * root2));
            return [tf.sub(theta, tf.mul(update, stepSize)), m1, v1, batchLoss] as TF.Tensor[];
          });
          release(theta);
          release(m);
          release(v);
          theta = hold(theta2 as TF.Tensor1D);
          m = hold(m2 as TF.Tensor1D);
          v = hold(v2 as TF.Tensor1D);
          losses.push(loss);
        }
        const lossSum = tf.tidy(() => tf.addN(losses).dataSync()[0]);
        let valLoss = NaN;
        if (vx && vy && vw) valLoss = tf.tidy(() => weightedLoss(tf, forwardLogits(tf, theta, slots, vx, activation), vy, vw).dataSync()[0]);
        const record: EpochRecord = { epoch, loss: lossSum / losses.length, valLoss, ms: performance.now() - t0 };
        history.push(record);
        onEpoch?.(record);
        if (vx) {
          if (valLoss < best - settings.minDelta) {
            best = valLoss;
            bestEpoch = epoch;
            release(bestTheta);
            bestTheta = hold(theta.clone());
            wait = 0;
          } else if (++wait >= settings.patience) {
            stoppedEarly = epoch < settings.epochs;
            break;
          }
        } else bestEpoch = epoch;
      } finally {
        tf.dispose(losses);
      }
    }
    const kept = bestTheta ?? theta;
    // setWeights assigns the tensors' data to the layer variables, which keep it after these are freed.
    tf.tidy(() => model.setWeights(unpack(tf, kept, slots).flatMap((p) => [p.w, p.b])));
    finished = true;
  } finally {
    tf.dispose(held);
    // Aborted (or a callback threw): nobody else will free the network.
    if (!finished) model.dispose();
  }
  return { model, history, bestEpoch, stoppedEarly };
}
