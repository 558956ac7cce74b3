import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DecisionTree, DecisionTreeClassifier, fitDecisionTree, fitRegressionTree } from '../../src/classification/index.js';
import { DataTable } from '../../src/data/table.js';
import { accuracy, crossValidateEstimator } from '../../src/evaluation/index.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { Random } from '../../src/core/rng.js';
import { toMatrix } from '../../src/core/matrix.js';

// The classic 14-row weather table (Quinlan), nominal version.
const WEATHER: [string, string, string, boolean, string][] = [
  ['sunny', 'hot', 'high', false, 'no'],
  ['sunny', 'hot', 'high', true, 'no'],
  ['overcast', 'hot', 'high', false, 'yes'],
  ['rainy', 'mild', 'high', false, 'yes'],
  ['rainy', 'cool', 'normal', false, 'yes'],
  ['rainy', 'cool', 'normal', true, 'no'],
  ['overcast', 'cool', 'normal', true, 'yes'],
  ['sunny', 'mild', 'high', false, 'no'],
  ['sunny', 'cool', 'normal', false, 'yes'],
  ['rainy', 'mild', 'normal', false, 'yes'],
  ['sunny', 'mild', 'normal', true, 'yes'],
  ['overcast', 'mild', 'high', true, 'yes'],
  ['overcast', 'hot', 'normal', false, 'yes'],
  ['rainy', 'mild', 'high', true, 'no'],
];
const weather = DataTable.fromRecords(WEATHER.map(([outlook, temperature, humidity, windy, play]) => ({ outlook, temperature, humidity, windy, play })));

const gini = (...c: number[]): number => {
  const t = c.reduce((a, b) => a + b, 0);
  return 1 - c.reduce((a, b) => a + (b / t) ** 2, 0);
};
const entropy = (...c: number[]): number => {
  const t = c.reduce((a, b) => a + b, 0);
  return -c.reduce((a, b) => (b > 0 ? a + (b / t) * Math.log2(b / t) : a), 0);
};

describe('weather table: hand-computed root splits', () => {
  it('gini: root impurity 90/196 and the best binary split is outlook {overcast} vs {rainy, sunny}', () => {
    const tree = fitDecisionTree(weather, { target: 'play', maxDepth: 1 });
    const root = tree.node(0);
    expect(root.impurity).toBeCloseTo(90 / 196, 12);
    expect(root.feature).toBe('outlook');
    const sides = [[...root.leftCategories!].sort(), [...root.rightCategories!].sort()];
    expect(sides).toContainEqual(['overcast']);
    expect(sides).toContainEqual(['rainy', 'sunny']);
    // overcast: 4 yes / 0 no; rest: 5 yes / 5 no
    const decrease = gini(9, 5) - (4 / 14) * gini(4, 0) - (10 / 14) * gini(5, 5);
    expect(root.improvement).toBeCloseTo(decrease, 12);
    // Competing splits by hand, all worse: humidity (3/4 vs 6/1), outlook {sunny} (2/3 vs 7/2), windy (6/2 vs 3/3)
    expect(decrease).toBeGreaterThan(gini(9, 5) - (7 / 14) * gini(3, 4) - (7 / 14) * gini(6, 1));
    expect(decrease).toBeGreaterThan(gini(9, 5) - (5 / 14) * gini(2, 3) - (9 / 14) * gini(7, 2));
    const counts = [tree.node(root.left!).classCounts, tree.node(root.right!).classCounts];
    expect(counts).toContainEqual([0, 4]); // classes no, yes
    expect(counts).toContainEqual([5, 5]);
  });

  it('entropy: root entropy 0.940 bits and information gain 0.940 − (10/14)·1 of the overcast split', () => {
    const tree = fitDecisionTree(weather, { target: 'play', criterion: 'entropy', maxDepth: 1 });
    const root = tree.node(0);
    expect(root.impurity).toBeCloseTo(entropy(9, 5), 12);
    expect(root.impurity).toBeCloseTo(0.940286, 6);
    expect(root.feature).toBe('outlook');
    expect(root.improvement).toBeCloseTo(entropy(9, 5) - (10 / 14) * entropy(5, 5), 12);
  });

  it('second level under {rainy, sunny} with gini splits on humidity (hand count 4/1 vs 1/4)', () => {
    // rainy+sunny rows: humidity high → 1 yes / 4 no; normal → 4 yes / 1 no  (gini 0.32 each)
    // windy false → 4 yes / 2 no; true → 1 yes / 3 no; outlook sunny 2/3 vs rainy 3/2
    const tree = fitDecisionTree(weather, { target: 'play', maxDepth: 2 });
    const kids = [tree.node(tree.node(0).left!), tree.node(tree.node(0).right!)];
    const right = kids.find((k) => k.samples === 10)!;
    expect(right.feature).toBe('humidity');
    expect(right.improvement).toBeCloseTo((10 / 14) * (gini(5, 5) - 0.5 * gini(1, 4) - 0.5 * gini(4, 1)), 12);
  });

  it('an unrestricted tree fits the weather table exactly, and its rules read naturally', () => {
    const tree = fitDecisionTree(weather, { target: 'play' });
    expect(accuracy(weather.column('play').values as string[], tree.predict(weather))).toBe(1);
    const rules = tree.rules();
    expect(rules.reduce((s, r) => s + r.count, 0)).toBe(14);
    expect(rules.map((r) => r.text)).toContain('IF outlook = overcast THEN play = yes (100.0%, 4 rows)');
  });
});

function randomData(seed: number, n: number, p: number, levels: number): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: p }, () => rng.int(levels));
    const key = row.join(',');
    const label = seen.get(key) ?? rng.int(3);
    seen.set(key, label); // identical rows never disagree
    X.push(row);
    y.push(label);
  }
  return { X, y };
}

describe('properties', () => {
  it('an unrestricted tree fits its training data exactly when identical rows agree (random data)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 2, max: 60 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 5 }), fc.constantFrom<'gini' | 'entropy' | 'gain-ratio'>('gini', 'entropy', 'gain-ratio'), (seed, n, p, levels, criterion) => {
        const { X, y } = randomData(seed, n, p, levels);
        if (new Set(y).size < 2) return;
        const tree = fitDecisionTree(X, y, { criterion });
        expect(tree.predict(X)).toEqual(y);
      }),
      { numRuns: 150 },
    );
  });

  it('the same holds with categorical features (table input, with missing cells)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 2, max: 50 }), (seed, n) => {
        const { X, y } = randomData(seed, n, 3, 6);
        if (new Set(y).size < 2) return;
        const table = DataTable.fromRecords(X.map((r, i) => ({ a: r[0] === 5 ? null : `c${r[0]}`, b: `k${r[1]}`, c: r[2], y: `L${y[i]}` })));
        const tree = fitDecisionTree(table, { target: 'y' });
        expect(tree.predict(table)).toEqual(y.map((v) => `L${v}`));
      }),
      { numRuns: 100 },
    );
  });

  it('pruning with a growing alpha gives nested trees with non-decreasing training error', () => {
    const { X, y } = randomData(7, 300, 4, 8);
    const tree = fitDecisionTree(X, y);
    const path = tree.costComplexityPath();
    expect(path.alphas[0]).toBe(0);
    expect(path.leaves[path.leaves.length - 1]).toBe(1);
    let prevErr = -1;
    let prevLeaves: Set<string> | null = null;
    let prevN = Infinity;
    for (let k = 0; k < path.alphas.length; k++) {
      for (let i = 1; i < path.alphas.length; i++) expect(path.alphas[i]).toBeGreaterThanOrEqual(path.alphas[i - 1]);
      const pruned = tree.prune(path.alphas[k]);
      expect(pruned.leafCount).toBe(path.leaves[k]);
      expect(pruned.nodeCount).toBeLessThanOrEqual(prevN);
      prevN = pruned.nodeCount;
      const err = 1 - accuracy(y, pruned.predict(X));
      expect(err).toBeGreaterThanOrEqual(prevErr - 1e-12);
      prevErr = err;
      // Nested: every split (described by its path) of the smaller tree exists in the larger one.
      const splits = new Set<string>();
      const walk = (t: DecisionTree, id: number, prefix: string, into: Set<string>): void => {
        const nd = t.node(id);
        if (nd.isLeaf) return;
        const key = `${prefix}/${nd.feature}<${nd.threshold}`;
        into.add(key);
        walk(t, nd.left!, key + 'L', into);
        walk(t, nd.right!, key + 'R', into);
      };
      walk(pruned, 0, '', splits);
      if (prevLeaves) for (const s of splits) expect(prevLeaves.has(s)).toBe(true);
      prevLeaves = splits;
    }
  });

  it('minSamplesLeaf, maxDepth and minImpurityDecrease are respected', () => {
    const { X, y } = randomData(3, 400, 5, 10);
    const t1 = fitDecisionTree(X, y, { minSamplesLeaf: 17, maxDepth: 4 });
    for (let id = 0; id < t1.nodeCount; id++) {
      const nd = t1.node(id);
      expect(nd.samples).toBeGreaterThanOrEqual(17);
      expect(nd.depth).toBeLessThanOrEqual(4);
    }
    const t2 = fitDecisionTree(X, y, { minImpurityDecrease: 0.01 });
    for (let id = 0; id < t2.nodeCount; id++) if (!t2.node(id).isLeaf) expect(t2.node(id).improvement).toBeGreaterThanOrEqual(0.01 - 1e-12);
  });
});

describe('weights, importances, regression, JSON', () => {
  it('class weights shift the prediction toward the weighted class', () => {
    const X = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const y = ['a', 'a', 'a', 'b', 'a', 'b', 'b', 'b'];
    const stump = fitDecisionTree(X, y, { maxDepth: 0 });
    expect(stump.predict([[0]])).toEqual(['a']); // 4:4 tie → first class
    expect(fitDecisionTree(X, y, { maxDepth: 0, classWeight: { b: 2 } }).predict([[0]])).toEqual(['b']);
    const p = fitDecisionTree(X, y, { maxDepth: 1, sampleWeight: [1, 1, 1, 5, 1, 1, 1, 1] }).predictProba([[0]]);
    expect(p.data[1]).toBeCloseTo(5 / 8, 12);
    expect(() => fitDecisionTree(X, y, { classWeight: { z: 1 } })).toThrow(InvalidOptionError);
  });

  it('feature importances sum to 1 and favour the informative feature', () => {
    const rng = new Random(5);
    const X = Array.from({ length: 300 }, () => [rng.next(), rng.next(), rng.next()]);
    const y = X.map((r) => (r[1] > 0.5 ? 1 : 0));
    const imp = fitDecisionTree(X, y, { featureNames: ['noise1', 'signal', 'noise2'] }).featureImportances();
    expect(imp.noise1 + imp.signal + imp.noise2).toBeCloseTo(1, 12);
    expect(imp.signal).toBe(1); // a single split separates the classes
  });

  it('regression tree: variance reduction finds a step function', () => {
    const X = Array.from({ length: 100 }, (_, i) => [i]);
    const y = X.map(([v]) => (v < 30 ? 1 : v < 70 ? 5 : 2));
    const t = fitRegressionTree(X, y, { maxDepth: 2 });
    expect(Array.from(t.predictValue([[10], [50], [90]]))).toEqual([1, 5, 2]);
    expect(t.node(0).threshold).toBeDefined();
    expect(() => fitRegressionTree(X, X.map(() => 'a') as unknown as number[])).toThrow(InvalidInputError);
  });

  it('toJSON/fromJSON round-trips exactly (through JSON text)', () => {
    const tree = fitDecisionTree(weather, { target: 'play', criterion: 'entropy' });
    const back = DecisionTree.fromJSON(JSON.parse(JSON.stringify(tree)));
    expect(back.toJSON()).toEqual(tree.toJSON());
    expect(back.predict(weather)).toEqual(tree.predict(weather));
    expect(back.toText()).toBe(tree.toText());
    expect(() => DecisionTree.fromJSON({ format: 'x' })).toThrow(InvalidInputError);
  });

  it('works as an estimator in crossValidateEstimator', () => {
    const rng = new Random(9);
    const X = Array.from({ length: 200 }, () => [rng.next(), rng.next()]);
    const y = X.map((r) => (r[0] + r[1] > 1 ? 'hi' : 'lo'));
    const r = crossValidateEstimator(() => new DecisionTreeClassifier({ maxDepth: 6 }), X, y, { k: 5 });
    expect(r.mean.accuracy).toBeGreaterThan(0.85);
  });
});

describe('missing values and unseen categories', () => {
  it('missing values go to the side that helps, and prediction follows it', () => {
    // x missing ⇔ class b; among known values, x < 5 → a, x ≥ 5 → b
    const X = [[1], [2], [3], [6], [7], [8], [NaN], [NaN]];
    const y = ['a', 'a', 'a', 'b', 'b', 'b', 'b', 'b'];
    const t = fitDecisionTree(X, y);
    expect(t.nodeCount).toBe(3);
    expect(t.node(0).missingGoesLeft).toBe(false);
    expect(t.predict([[NaN], [0], [9]])).toEqual(['b', 'a', 'b']);
    expect(() => fitDecisionTree(X, y, { allowMissing: false })).toThrow(/row 6, column 0/);
  });

  it('an unseen category follows the majority branch, or is an error on request', () => {
    const table = DataTable.fromRecords([
      { plan: 'basic', churn: 'yes' },
      { plan: 'basic', churn: 'yes' },
      { plan: 'gold', churn: 'no' },
      { plan: 'gold', churn: 'no' },
      { plan: 'gold', churn: 'no' },
    ]);
    const t = fitDecisionTree(table, { target: 'churn' });
    expect(t.predict([{ plan: 'platinum' }])).toEqual(['no']); // gold side had 3 rows
    expect(() => t.predict([{ plan: 'platinum' }], { unknownCategory: 'error' })).toThrow(/platinum/);
  });
});

describe('bad input', () => {
  const table = DataTable.fromRecords([
    { a: 1, t: 'x' },
    { a: 2, t: 'y' },
  ]);
  it('throws typed errors naming what is wrong', () => {
    expect(() => fitDecisionTree(table, { target: 'nope' })).toThrow(/target column "nope" not found/);
    expect(() => fitDecisionTree(DataTable.fromRecords([{ a: 1, t: 'x' }, { a: 2, t: 'x' }]), { target: 't' })).toThrow(/single class/);
    expect(() => fitDecisionTree([[1, 2], [3]], [0, 1])).toThrow(/row 1 has 1 values, expected 2/);
    expect(() => fitDecisionTree([[1], [2]], [0])).toThrow(InvalidInputError);
    expect(() => fitDecisionTree(table, { target: 't', criterion: 'bogus' as 'gini' })).toThrow(InvalidOptionError);
    expect(() => fitDecisionTree(table, { target: 't', maxDepth: -1 })).toThrow(InvalidOptionError);
    expect(() => fitDecisionTree(DataTable.fromRecords([{ a: 1, t: 'x' }, { a: 2, t: null }]), { target: 't' })).toThrow(/row 1/);
    const tree = fitDecisionTree(table, { target: 't' });
    expect(() => tree.predict([{ a: 'text' }])).toThrow(/row 0, column "a"/);
    expect(() => tree.predict([{ b: 1 }])).toThrow(/feature column "a" is missing/);
  });

  it('range messages of the growth options state the limit as a comparison', () => {
    expect(() => fitDecisionTree(table, { target: 't', ccpAlpha: -0.1 })).toThrow(/^option ccpAlpha: expected a finite number >= 0, got -0\.1$/);
    expect(() => fitDecisionTree(table, { target: 't', ccpAlpha: Infinity })).toThrow(/^option ccpAlpha: expected a finite number >= 0, got Infinity$/);
    expect(() => fitDecisionTree(table, { target: 't', minImpurityDecrease: -1 })).toThrow(/^option minImpurityDecrease: expected a finite number >= 0, got -1$/);
    expect(() => fitDecisionTree(table, { target: 't', minSamplesLeaf: 0 })).toThrow(/^option minSamplesLeaf: expected an integer >= 1, got 0$/);
    expect(() => fitDecisionTree(table, { target: 't', maxDepth: 1.5 })).toThrow(/^option maxDepth: expected an integer >= 0, got 1\.5$/);
    expect(() => fitDecisionTree(table, { target: 't', maxExhaustiveCategories: 30 })).toThrow(/^option maxExhaustiveCategories: expected an integer in \[2, 20\], got 30$/);
    expect(() => fitDecisionTree(table, { target: 't' }).prune(-1)).toThrow(/^option alpha: expected a finite number >= 0, got -1$/);
  });
});

describe('presort', () => {
  it('the radix argsort equals a stable comparison sort (negatives, zeros, ties, large and tiny values)', async () => {
    const { argsortByValue } = await import('../../src/classification/cart.js');
    const rng = new Random(11);
    const pool = [-1e300, -5, -1.5, -0, 0, 1e-310, 2, 2, 3.25, 1e300, -Infinity, Infinity];
    for (const n of [10, 3000, 5000]) {
      const v = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? pool[rng.int(pool.length)] : (rng.next() - 0.5) * 1e6));
      const idx = Int32Array.from({ length: n }, (_, i) => i);
      argsortByValue(v, idx);
      const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b] || a - b);
      // -0 and 0 compare equal, so only values must match in order; ties among equal values keep row order.
      const z = (x: number): number => (x === 0 ? 0 : x);
      expect(Array.from(idx, (i) => z(v[i]))).toEqual(expected.map((i) => z(v[i])));
      for (let k = 1; k < n; k++) if (v[idx[k]] === v[idx[k - 1]] && Object.is(v[idx[k]], v[idx[k - 1]])) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
    }
  });
});

describe('maxFeatures', () => {
  it('is seeded, changes the tree with the seed, and an unrestricted tree still fits the training data', () => {
    const { X, y } = randomData(21, 200, 6, 5);
    const a = fitDecisionTree(X, y, { maxFeatures: 2, seed: 1 });
    const b = fitDecisionTree(X, y, { maxFeatures: 2, seed: 1 });
    expect(b.toJSON()).toEqual(a.toJSON());
    const others = [2, 3, 4, 5].map((seed) => JSON.stringify(fitDecisionTree(X, y, { maxFeatures: 2, seed }).toJSON()));
    expect(others.some((o) => o !== JSON.stringify(a.toJSON()))).toBe(true);
    expect(a.predict(X)).toEqual(y);
    expect(fitDecisionTree(X, y, { maxFeatures: 'sqrt' }).predict(X)).toEqual(y);
    expect(() => fitDecisionTree(X, y, { maxFeatures: 0 })).toThrow(InvalidOptionError);
  });
});

describe('binary (0/1) features', () => {
  it('grow the same tree through the two-valued shortcut as through the general presorted scan', () => {
    // Writing the zeros as −0 makes the engine take the general presort and scan (the shortcut rejects
    // −0); every split, count and impurity must come out the same. Sizes on both sides of the radix cut-off.
    for (const n of [300, 1500]) {
      const rng = new Random(n);
      const X: number[][] = [];
      const y: number[] = [];
      for (let i = 0; i < n; i++) {
        const row = [rng.next() < 0.3 ? 1 : 0, rng.next() < 0.6 ? 1 : 0, rng.next() < 0.1 ? 1 : 0, Math.round(rng.next() * 50)];
        X.push(row);
        y.push((row[0] && row[1]) || (row[2] && row[3] > 20) || rng.next() < 0.1 ? 1 : rng.next() < 0.2 ? 2 : 0);
      }
      const Xneg = X.map((r) => r.map((v, j) => (j < 3 && v === 0 ? -0 : v)));
      const w = y.map((_, i) => 0.5 + (i % 7) * 0.3);
      for (const criterion of ['gini', 'entropy', 'gain-ratio'] as const) {
        const a = fitDecisionTree(X, y, { criterion, maxDepth: 6, sampleWeight: w });
        const b = fitDecisionTree(Xneg, y, { criterion, maxDepth: 6, sampleWeight: w });
        expect(a.nodeCount).toBeGreaterThan(5);
        expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(a.toJSON()));
      }
      const ry = y.map((v, i) => v + (i % 5) * 0.1);
      expect(JSON.stringify(fitRegressionTree(Xneg, ry, { maxDepth: 5 }).toJSON())).toBe(JSON.stringify(fitRegressionTree(X, ry, { maxDepth: 5 }).toJSON()));
    }
  });
});

describe('binary (0/1) features under gini', () => {
  // Gini decrease (weighted by row count) of splitting `rows` by binary column j.
  const decrease = (X: number[][], y: number[], rows: number[], j: number): number => {
    const gini = (rs: number[]): number => {
      if (rs.length === 0) return 0;
      const ones = rs.filter((i) => y[i] === 1).length / rs.length;
      return 1 - ones * ones - (1 - ones) * (1 - ones);
    };
    const left = rows.filter((i) => X[i][j] === 0);
    const right = rows.filter((i) => X[i][j] === 1);
    if (left.length === 0 || right.length === 0) return -Infinity;
    return rows.length * gini(rows) - left.length * gini(left) - right.length * gini(right);
  };

  it('the root and its children split on a best column by brute force, whichever value is rarer', () => {
    const rng = new Random(7);
    const density = [0.1, 0.3, 0.5, 0.7, 0.9, 0.6];
    const X = Array.from({ length: 300 }, () => density.map((d) => (rng.next() < d ? 1 : 0)));
    const y = X.map((r) => ((r[1] ^ r[3]) === 1 || rng.next() < 0.15 ? 1 : 0));
    const t = fitDecisionTree(X, y, { maxDepth: 2 });
    const all = X.map((_, i) => i);
    const check = (id: number, rows: number[]): void => {
      const node = t.node(id);
      expect(node.isLeaf).toBe(false);
      const j = Number(node.feature!.slice(1));
      const best = Math.max(...density.map((_, f) => decrease(X, y, rows, f)));
      expect(decrease(X, y, rows, j)).toBeCloseTo(best, 9);
    };
    check(0, all);
    const j0 = Number(t.node(0).feature!.slice(1));
    check(t.node(0).left!, all.filter((i) => X[i][j0] === 0));
    check(t.node(0).right!, all.filter((i) => X[i][j0] === 1));
  });

  it('flipping a 0/1 column (its rarer value changes side) leaves the predictions unchanged', () => {
    const rng = new Random(11);
    const X = Array.from({ length: 400 }, () => [rng.next() < 0.2 ? 1 : 0, rng.next() < 0.8 ? 1 : 0, rng.next() < 0.5 ? 1 : 0, rng.next()]);
    const y = X.map((r) => (r[0] + r[1] + (r[3] > 0.5 ? 1 : 0) >= 2 ? 'a' : rng.next() < 0.3 ? 'b' : 'c'));
    const flipped = X.map((r) => [1 - r[0], 1 - r[1], r[2], r[3]]);
    const a = fitDecisionTree(X, y);
    const b = fitDecisionTree(flipped, y);
    expect(b.leafCount).toBe(a.leafCount);
    expect(b.predict(flipped)).toEqual(a.predict(X));
  });
});

describe('bad input: each case of the issue is a typed error', () => {
  const table = DataTable.fromRecords([
    { a: 1, plan: 'basic', t: 'x' },
    { a: 2, plan: 'gold', t: 'y' },
    { a: 3, plan: 'gold', t: 'y' },
  ]);
  it('missing target column, single class, rows of different lengths', () => {
    expect(() => fitDecisionTree(table, { target: 'nope' })).toThrow(InvalidInputError);
    expect(() => fitDecisionTree([[1], [2], [3]], ['x', 'x', 'x'])).toThrow(InvalidInputError);
    expect(() => fitDecisionTree([[1], [2], [3]], ['x', 'x', 'x'])).toThrow(/single class/);
    expect(() => fitDecisionTree([[1, 2], [3, 4], [5]], [0, 1, 0])).toThrow(InvalidInputError);
  });

  it('an unseen category at prediction: the majority branch by default, a typed error on request', () => {
    const tree = fitDecisionTree(table, { target: 't', features: ['plan'] });
    expect(tree.predict([{ plan: 'platinum' }])).toEqual(['y']); // gold side: 2 of the 3 rows
    expect(() => tree.predict([{ plan: 'platinum' }], { unknownCategory: 'error' })).toThrow(InvalidInputError);
  });

  it('NaN or a missing cell where missing values are not allowed, in training and at prediction', () => {
    const X = toMatrix([[1], [NaN], [3], [4]], { allowMissing: true });
    expect(() => fitDecisionTree(X, [0, 1, 0, 1], { allowMissing: false })).toThrow(InvalidInputError);
    expect(() => fitDecisionTree(X, [0, 1, 0, 1], { allowMissing: false })).toThrow(/row 1, column 0/);
    expect(() => fitDecisionTree(toMatrix([[1], [Infinity], [3]]), [0, 1, 0])).toThrow(/row 1, column 0 is Infinity/);
    const withNull = DataTable.fromRecords([{ a: 1, t: 'x' }, { a: null, t: 'y' }, { a: 3, t: 'y' }]);
    expect(() => fitDecisionTree(withNull, { target: 't', allowMissing: false })).toThrow(InvalidInputError);
    const strict = fitDecisionTree([[1], [2], [3], [4]], ['a', 'a', 'b', 'b'], { allowMissing: false });
    expect(() => strict.predict([[NaN]])).toThrow(InvalidInputError);
    // With missing values allowed, NaN in a Matrix is a missing value, not an error.
    expect(fitDecisionTree(X, [0, 1, 0, 1]).nodeCount).toBeGreaterThan(1);
  });
});
