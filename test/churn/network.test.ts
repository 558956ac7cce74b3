/**
 * The hand-written training loop against TensorFlow.js's own autodiff and Adam: with one batch per epoch,
 * the same seeded initial weights, the same shuffles (dropout masks go by position in the batch) and the
 * same dropout seeds, `trainNetwork` must reach the weights that `tf.train.adam(lr).minimize` reaches on the
 * tfjs-layers model, for every activation, with and without dropout and the L2 penalty.
 */
import type * as TF from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/rng.js';
import { buildNetwork, loadTensorFlow, trainNetwork, type ChurnActivation, type NetworkSettings, type Tf, type TrainingSet } from '../../src/churn/index.js';

const ROWS = 48;
const COLS = 5;

function dataSet(seed: number): TrainingSet {
  const rng = new Random(seed);
  const x = new Float32Array(ROWS * COLS);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const y = new Float32Array(ROWS);
  const w = new Float32Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    y[i] = x[i * COLS] - 0.5 * x[i * COLS + 1] + 0.3 * rng.normal() > 0 ? 1 : 0;
    w[i] = y[i] === 1 ? 1.7 : 0.6; // unequal class weights, as 'balanced' gives
  }
  return { x, y, w, rows: ROWS };
}

/** Σ wᵢ·ℓᵢ / Σ wᵢ with ℓ the sigmoid cross-entropy of the log-odds, as tfjs ops (differentiable). */
function dataLoss(tf: Tf, z: TF.Tensor, y: TF.Tensor, w: TF.Tensor): TF.Scalar {
  const l = tf.sub(tf.softplus(z), tf.mul(z, y));
  return tf.div(tf.sum(tf.mul(l, w)), tf.sum(w)) as TF.Scalar;
}

/**
 * The reference: the same initial model (the first fork of Random(seed), as trainNetwork draws it), the
 * same shuffle (the second fork) and dropout seeds (the third, one per layer and batch), tfjs's autodiff
 * and Adam, `epochs` full batches. Returns the flattened final weights and the data loss before each step.
 */
function reference(tf: Tf, set: TrainingSet, settings: NetworkSettings, seed: number): { weights: number[]; losses: number[] } {
  const rng = new Random(seed);
  const model = buildNetwork(tf, COLS, settings, rng.fork());
  const shuffler = rng.fork();
  const dropoutRng = rng.fork();
  const order = Int32Array.from({ length: set.rows }, (_, i) => i);
  const layers = model.layers;
  const optimizer = tf.train.adam(settings.learningRate);
  const xAll = tf.tensor2d(set.x, [set.rows, COLS]);
  const yAll = tf.tensor1d(set.y);
  const wAll = tf.tensor1d(set.w);
  const losses: number[] = [];
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffler.shuffle(order);
    const idx = tf.tensor1d(order, 'int32');
    const [x, y, w] = [tf.gather(xAll, idx), tf.gather(yAll, idx), tf.gather(wAll, idx)];
    const seeds = layers.map(() => dropoutRng.nextUint32());
    const forward = (): TF.Tensor => {
      let h: TF.Tensor = x;
      for (let k = 0; k < layers.length; k++) {
        h = layers[k].apply(h) as TF.Tensor;
        if (k < layers.length - 1 && settings.dropout > 0) h = tf.dropout(h, settings.dropout, undefined, seeds[k]);
      }
      return h.reshape([-1]);
    };
    const cost = optimizer.minimize(
      () => {
        const data = dataLoss(tf, forward(), y, w);
        losses.push(data.dataSync()[0]);
        let penalty: TF.Tensor = tf.scalar(0);
        for (const l of layers) penalty = tf.add(penalty, tf.sum(tf.square(l.trainableWeights[0].read())));
        return tf.add(data, tf.mul(penalty, settings.l2)) as TF.Scalar;
      },
      false,
      model.trainableWeights.map((v) => v.read() as TF.Variable),
    );
    cost?.dispose();
    tf.dispose([idx, x, y, w]);
  }
  const weights = model.getWeights().flatMap((t) => Array.from(t.dataSync()));
  optimizer.dispose();
  tf.dispose([xAll, yAll, wAll]);
  model.dispose();
  return { weights, losses };
}

const ACTIVATIONS: ChurnActivation[] = ['relu', 'elu', 'selu', 'tanh', 'sigmoid'];

describe.each(['cpu', 'wasm'] as const)('trainNetwork on %s matches tfjs autodiff and Adam', (backend) => {
  it.each(ACTIVATIONS)('%s, with dropout and L2 and without', async (activation) => {
    const { tf } = await loadTensorFlow(backend);
    const set = dataSet(3);
    for (const [dropout, l2] of [
      [0.25, 0.05],
      [0, 0],
    ]) {
      const settings: NetworkSettings = { hiddenLayers: [6, 4], activation, dropout, l2, learningRate: 0.01, batchSize: ROWS, epochs: 6, patience: 100, minDelta: 0 };
      const before = tf.memory().numTensors;
      const ref = reference(tf, set, settings, 11);
      const trained = trainNetwork(tf, set, undefined, COLS, settings, 11);
      const ours = trained.model.getWeights().flatMap((t) => Array.from(t.dataSync()));
      expect(ours).toHaveLength(ref.weights.length);
      let moved = 0;
      const initial = buildNetwork(tf, COLS, settings, new Random(11).fork());
      const start = initial.getWeights().flatMap((t) => Array.from(t.dataSync()));
      initial.dispose();
      for (let i = 0; i < ours.length; i++) {
        expect(Math.abs(ours[i] - ref.weights[i]), `weight ${i} (${activation}, dropout ${dropout})`).toBeLessThan(1e-5);
        moved = Math.max(moved, Math.abs(ours[i] - start[i]));
      }
      // training did move the weights (so the agreement is not that of two untouched models)
      expect(moved).toBeGreaterThan(0.02);
      // the recorded loss is the data term before each step, without the L2 penalty
      expect(trained.history.map((r) => r.loss)).toHaveLength(settings.epochs);
      trained.history.forEach((r, e) => expect(Math.abs(r.loss - ref.losses[e])).toBeLessThan(1e-5));
      trained.model.dispose();
      // nothing left behind but what was there
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
