/**
 * Market-basket analysis for cross-selling, as a user of the package writes it.
 *
 * By default it reads the bundled IBM Telco sample (examples/data/telco-churn.csv), turns each customer
 * into a basket of the services they have, mines the strong rules (support and confidence both at
 * least their minimum), prints the ten with the highest lift and exports all of them to CSV and JSON.
 * Given `--file` (and `--format`), it mines any transaction file instead, for example groceries.csv.
 *
 * Run it from the project's root:
 *   npx tsx examples/market-basket.ts            (or: npm run example market-basket)
 *   npx tsx examples/market-basket.ts --file groceries.csv --format basket --min-support 0.001 --min-confidence 0.8
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CrmMiningError,
  readCsv,
  readTransactions,
  strongRules,
  TransactionSet,
  type FrequentItemsets,
  type RuleSet,
  type TransactionFormat,
} from 'crm-mining';

/** What the example can be told; every field has a default. */
export interface MarketBasketOptions {
  /** A transaction file to mine instead of the bundled Telco sample (default: the Telco sample). */
  file?: string;
  /** The format of `file` (default `'basket'`). */
  format?: TransactionFormat;
  /** Minimum support, a fraction of the transactions (default 0.1). */
  minSupport?: number;
  /** Minimum confidence (default 0.6). */
  minConfidence?: number;
  /** Where the CSV and JSON exports go (default `out/market-basket`). */
  outDir?: string;
  /** How many rules to print (default 10). */
  top?: number;
  /** Print nothing (default false). */
  quiet?: boolean;
}

/** What the example found. */
export interface MarketBasketResult {
  transactions: TransactionSet;
  itemsets: FrequentItemsets;
  rules: RuleSet;
  minSupport: number;
  minConfidence: number;
  files: { csv: string; json: string };
}

/** The bundled sample, found next to this file whatever the working directory. */
const TELCO = fileURLToPath(new URL('data/telco-churn.csv', import.meta.url));

/** The Telco services a customer can have; "Yes" puts the service in the customer's basket. */
const SERVICES = [
  'PhoneService',
  'MultipleLines',
  'OnlineSecurity',
  'OnlineBackup',
  'DeviceProtection',
  'TechSupport',
  'StreamingTV',
  'StreamingMovies',
];

/** One basket per customer: the services they have, and their kind of internet line. */
async function telcoServiceBaskets(path: string): Promise<TransactionSet> {
  const table = await readCsv(path, { inferTypes: false });
  const services = SERVICES.map((name) => table.column(name).values);
  const internet = table.column('InternetService').values;
  const baskets: string[][] = [];
  for (let row = 0; row < table.rowCount; row++) {
    const basket: string[] = [];
    SERVICES.forEach((name, k) => {
      if (services[k][row] === 'Yes') basket.push(name);
    });
    if (internet[row] === 'DSL' || internet[row] === 'Fiber optic') basket.push(`Internet=${String(internet[row])}`);
    baskets.push(basket);
  }
  return TransactionSet.fromArrays(baskets);
}

/** Runs the analysis and returns what it found (the tests check it). */
export async function main(options: MarketBasketOptions = {}): Promise<MarketBasketResult> {
  const minSupport = options.minSupport ?? 0.1;
  const minConfidence = options.minConfidence ?? 0.6;
  const outDir = options.outDir ?? join('out', 'market-basket');
  const log = options.quiet ? () => {} : (line: string) => console.log(line);

  // 1. Load the transactions.
  const transactions = options.file
    ? await readTransactions(options.file, { format: options.format ?? 'basket' })
    : await telcoServiceBaskets(TELCO);
  log(`${transactions.size} transactions, ${transactions.itemCount} distinct items`);

  // 2. Mine the strong rules: frequent itemsets (FP-Growth), then rules with enough confidence.
  const { itemsets, rules } = strongRules(transactions, { minSupport, minConfidence });
  log(`${itemsets.length} frequent itemsets, ${rules.length} strong rules (support >= ${minSupport}, confidence >= ${minConfidence})`);

  // 3. The strongest associations first: sort by lift, print the top ones.
  const byLift = rules.sortBy('lift');
  log(`\nTop ${options.top ?? 10} by lift:\n` + byLift.top(options.top ?? 10).toString());

  // 4. Export every rule, strongest first.
  await mkdir(outDir, { recursive: true });
  const files = { csv: join(outDir, 'rules.csv'), json: join(outDir, 'rules.json') };
  await byLift.writeCSV(files.csv);
  await byLift.writeJSON(files.json);
  log(`wrote ${files.csv} and ${files.json}`);

  return { transactions, itemsets, rules: byLift, minSupport, minConfidence, files };
}

/** Reads `--file F --format F --min-support S --min-confidence C --out DIR --top N` from the command line. */
function optionsFromArgs(args: string[]): MarketBasketOptions {
  const options: MarketBasketOptions = {};
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined) throw new Error(`${flag}: missing value`);
    if (flag === '--file') options.file = value;
    else if (flag === '--format') options.format = value as TransactionFormat;
    else if (flag === '--min-support') options.minSupport = Number(value);
    else if (flag === '--min-confidence') options.minConfidence = Number(value);
    else if (flag === '--out') options.outDir = value;
    else if (flag === '--top') options.top = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

// Run when started as a program (node …/market-basket.js), not when imported by the tests.
if (/market-basket\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  main(optionsFromArgs(process.argv.slice(2))).catch((err: unknown) => {
    // The library's errors say what was wrong and where; anything else is a bug worth its stack trace.
    console.error(err instanceof CrmMiningError ? `error: ${err.message}` : err);
    process.exitCode = 1;
  });
}
