/**
 * Outlier detection, two ways:
 *
 * 1. Customers unlike the others: an Isolation Forest on the bundled Telco customers' tenure and
 *    charges flags the most isolated 1%, and a Local Outlier Factor is asked whether it agrees.
 * 2. A purchase unlike the customer's own: each card transaction is compared with the same account's
 *    earlier amounts (the textbook's credit-card case). A small log of card purchases is generated
 *    with the library's seeded random numbers, with three planted frauds to find.
 *
 * Run it from the project's root:
 *   npx tsx examples/outliers.ts                  (or: npm run example outliers)
 *   npx tsx examples/outliers.ts my-customers.csv (the same columns as the Telco file)
 */
import { fileURLToPath } from 'node:url';
import { CrmMiningError, DataTable, entityBaselineScores, fitOutlierDetector, prepareFeatures, Random, readCsv } from 'crm-mining';

/** The bundled sample, found next to this file whatever the working directory. */
const TELCO = fileURLToPath(new URL('data/telco-churn.csv', import.meta.url));

async function unusualCustomers(path: string): Promise<void> {
  const customers = await readCsv(path);
  // TotalCharges is blank for customers in their first month (nothing billed yet): 0 is their true total.
  const total = customers.column('TotalCharges').values.map((v) => (v === null ? 0 : v));
  const table = new DataTable([customers.column('tenure'), customers.column('MonthlyCharges'), { name: 'TotalCharges', type: 'number', values: total }]);
  const { matrix, raw } = prepareFeatures(table, { numeric: ['tenure', 'MonthlyCharges', 'TotalCharges'], scale: 'standard' });

  const forest = fitOutlierDetector(matrix, { method: 'iforest', seed: 7, contamination: 0.01 });
  const lof = fitOutlierDetector(matrix, { method: 'lof', k: 20, contamination: 0.05 });
  const flagged = forest.trainingLabels();
  const lofFlagged = lof.trainingLabels();
  const scores = forest.trainingScores;
  const ids = customers.column('customerID').values;
  const rows: number[] = [];
  for (let i = 0; i < flagged.length; i++) if (flagged[i] === 1) rows.push(i);
  rows.sort((a, b) => scores[b] - scores[a]);
  const agree = rows.filter((i) => lofFlagged[i] === 1).length;

  console.log(`Isolation Forest on tenure, MonthlyCharges and TotalCharges: ${rows.length} of ${customers.rowCount} customers flagged (the top 1%).`);
  console.log(`LOF (k = 20, its top 5%) also flags ${agree} of them. The most isolated:`);
  console.log(`  ${'customer'.padEnd(12)}${'score'.padStart(7)}${'tenure'.padStart(8)}${'monthly'.padStart(9)}${'total'.padStart(10)}`);
  const c = raw.cols;
  for (const i of rows.slice(0, 5)) {
    const [tenure, monthly, sum] = [raw.data[i * c], raw.data[i * c + 1], raw.data[i * c + 2]];
    console.log(`  ${String(ids[i]).padEnd(12)}${scores[i].toFixed(3).padStart(7)}${String(tenure).padStart(8)}${monthly.toFixed(2).padStart(9)}${sum.toFixed(2).padStart(10)}`);
  }
}

function unusualPurchases(): void {
  // 40 accounts with 30 purchases each, every account around a typical amount of its own.
  const rng = new Random(3);
  const accounts: string[] = [];
  const amounts: number[] = [];
  for (let a = 1; a <= 40; a++) {
    const typical = Math.exp(3 + rng.normal()); // from a few to a few hundred
    for (let t = 0; t < 30; t++) {
      accounts.push(`acct-${a}`);
      amounts.push(Math.round(100 * typical * Math.exp(0.25 * rng.normal())) / 100);
    }
  }
  // Three frauds, late in three accounts' histories: ten times what the account usually spends.
  const planted = [5 * 30 + 25, 17 * 30 + 20, 33 * 30 + 28];
  for (const i of planted) amounts[i] = Math.round(1000 * amounts[i]) / 100;

  // Transactions are in time order within each account here (else pass their times as the third argument).
  // The default threshold, 3.5, flags the odd large purchase too; 12 keeps only the far-off ones.
  const { flagged, scores, baselineMedian } = entityBaselineScores(accounts, amounts, undefined, { threshold: 12 });
  const found: number[] = [];
  for (let i = 0; i < flagged.length; i++) if (flagged[i] === 1) found.push(i);
  const caught = planted.filter((i) => flagged[i] === 1).length;
  console.log(`\nCard purchases against each account's own history (robust z-score above 12 after 10 purchases):`);
  console.log(`${found.length} of ${amounts.length} purchases flagged; caught ${caught} of ${planted.length} planted frauds.`);
  for (const i of found) {
    console.log(`  ${accounts[i].padEnd(8)} ${amounts[i].toFixed(2).padStart(9)}  usual ${baselineMedian[i].toFixed(2).padStart(7)}  z ${scores[i].toFixed(1)}${planted.includes(i) ? '  (planted)' : ''}`);
  }
}

async function main(args: string[]): Promise<void> {
  await unusualCustomers(args[0] ?? TELCO);
  unusualPurchases();
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // The library's errors say what was wrong and where; anything else is a bug worth its stack trace.
  console.error(err instanceof CrmMiningError ? `error: ${err.message}` : err);
  process.exitCode = 1;
});
