/**
 * A churn decision tree on the bundled Telco customers, read as IF-THEN rules: who leaves, who stays,
 * and how well the tree ranks customers it has not seen (a stratified hold-out of a quarter of them).
 *
 * The tree splits categorical columns (contract, internet service, payment method, …) as they are, with
 * no one-hot encoding, and routes the blank TotalCharges of new customers as missing values.
 *
 * Run it from the project's root:
 *   npx tsx examples/decision-tree.ts                  (or: npm run example decision-tree)
 *   npx tsx examples/decision-tree.ts my-customers.csv (any CSV with a Yes/No "Churn" column)
 */
import { fileURLToPath } from 'node:url';
import { accuracy, CrmMiningError, fitDecisionTree, gainsTable, readCsv, rocAuc, selectRows, trainTestSplit } from 'crm-mining';

/** The bundled sample, found next to this file whatever the working directory. */
const TELCO = fileURLToPath(new URL('data/telco-churn.csv', import.meta.url));

async function main(args: string[]): Promise<void> {
  const customers = await readCsv(args[0] ?? TELCO);
  const churn = customers.column('Churn').values.map(String);
  const drop = customers.hasColumn('customerID') ? ['customerID'] : [];
  const options = { target: 'Churn', drop, maxDepth: 4, minSamplesLeaf: 50 };

  // 1. Train on three quarters of the customers (stratified on Churn), test on the rest.
  const split = trainTestSplit(customers.rowCount, { testSize: 0.25, seed: 42, stratify: churn });
  const tree = fitDecisionTree(selectRows(customers, split.train), options);
  const test = selectRows(customers, split.test);
  const truth = selectRows(churn, split.test);
  const p = tree.probabilityOf(test, 'Yes');
  const gains = gainsTable(truth, p, { positive: 'Yes' });
  console.log(`CART (gini, depth <= ${options.maxDepth}, >= ${options.minSamplesLeaf} customers a leaf) trained on ${split.train.length} customers, tested on ${split.test.length}:`);
  console.log(
    `  accuracy ${accuracy(truth, tree.predict(test)).toFixed(3)}, ROC AUC ${rocAuc(truth, p, { positive: 'Yes' }).toFixed(3)}; ` +
      `the riskiest 10% hold ${(100 * gains[0].gain).toFixed(1)}% of the churners (lift ${gains[0].lift.toFixed(2)})`,
  );

  // 2. The same settings on every customer, read as rules.
  const full = fitDecisionTree(customers, options);
  const importance = Object.entries(full.featureImportances())
    .filter(([, v]) => v >= 0.01)
    .sort((a, b) => b[1] - a[1]);
  console.log(`\nTree on all ${customers.rowCount} customers: ${full.leafCount} leaves; it splits on ${importance.map(([k, v]) => `${k} ${(100 * v).toFixed(0)}%`).join(', ')}.`);
  console.log('Who leaves (the most certain rules first):');
  for (const rule of full.rules({ onlyClass: 'Yes', sortBy: 'confidence' }).slice(0, 3)) console.log(`  ${rule.text}`);
  console.log('Who stays (the largest groups first):');
  for (const rule of full.rules({ onlyClass: 'No', sortBy: 'count' }).slice(0, 3)) console.log(`  ${rule.text}`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // The library's errors say what was wrong and where; anything else is a bug worth its stack trace.
  console.error(err instanceof CrmMiningError ? `error: ${err.message}` : err);
  process.exitCode = 1;
});
