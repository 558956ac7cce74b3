/**
 * PyOD's published benchmark (../shared/data/README.md): ROC-AUC of Isolation Forest and LOF on the ODDS
 * cardio and pima data, mean over 10 random 60/40 splits, default parameters. PyOD's protocol
 * (notebooks/benchmark.py): standardise with the training split's mean and standard deviation, fit on the
 * 60 % training split, score the 40 % test split. Our splits come from our own seeded shuffle, so single
 * runs differ from PyOD's; the mean over 10 splits must be within 0.03 of the published value.
 */
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/core/matrix.js';
import { readCsv } from '../../src/data/csv.js';
import { rocAuc } from '../../src/evaluation/ranking.js';
import { selectRows, trainTestSplit } from '../../src/evaluation/splits.js';
import { fitIsolationForest } from '../../src/outliers/iforest.js';
import { fitLocalOutlierFactor } from '../../src/outliers/lof.js';
import { applyStandardizer, fitStandardizer } from '../../src/outliers/neighbors.js';
import { dataFile, haveData } from '../helpers/data.js';

async function loadOdds(name: string): Promise<{ X: Matrix; y: Uint8Array }> {
  const table = await readCsv(dataFile(`outliers/${name}.csv`));
  const features = table.columns.filter((c) => c.name !== 'label');
  const rows = table.rowCount;
  const cols = features.length;
  const data = new Float64Array(rows * cols);
  features.forEach((c, j) => {
    for (let i = 0; i < rows; i++) data[i * cols + j] = c.values[i] as number;
  });
  const label = table.column('label').values;
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) y[i] = Number(label[i]) === 1 ? 1 : 0;
  return { X: { rows, cols, data }, y };
}

/** Mean test ROC-AUC over seeds 0..9 of the PyOD protocol. */
function meanAuc(X: Matrix, y: Uint8Array, method: 'iforest' | 'lof'): number {
  let sum = 0;
  const seeds = 10;
  for (let seed = 0; seed < seeds; seed++) {
    const split = trainTestSplit(X.rows, { testSize: 0.4, seed });
    const s = fitStandardizer(selectRows(X, split.train));
    const train = applyStandardizer(selectRows(X, split.train), s);
    const test = applyStandardizer(selectRows(X, split.test), s);
    const model = method === 'iforest' ? fitIsolationForest(train, { seed }) : fitLocalOutlierFactor(train);
    sum += rocAuc(selectRows(y as unknown as Int32Array, split.test), model.score(test));
  }
  return sum / seeds;
}

const PYOD = {
  cardio: { iforest: 0.9213, lof: 0.5736 },
  pima: { iforest: 0.6806, lof: 0.6271 },
} as const;

for (const name of ['cardio', 'pima'] as const) {
  describe.skipIf(!haveData(`outliers/${name}.csv`))(`PyOD benchmark on ${name}.csv`, () => {
    for (const method of ['iforest', 'lof'] as const) {
      it(`${method} ROC-AUC within 0.03 of PyOD's ${PYOD[name][method]}`, async () => {
        const { X, y } = await loadOdds(name);
        const auc = meanAuc(X, y, method);
        console.log(`${name} ${method}: mean ROC-AUC ${auc.toFixed(4)} (PyOD ${PYOD[name][method]})`);
        expect(Math.abs(auc - PYOD[name][method])).toBeLessThanOrEqual(0.03);
      });
    }
  });
}
