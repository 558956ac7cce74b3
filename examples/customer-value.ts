/**
 * Customer value from a purchase log: RFM segments, ABC tiers (the Pareto principle) and each customer's
 * expected lifetime value over the next year (BG/NBD for how often a customer will buy, Gamma-Gamma for
 * how much they will spend).
 *
 * The bundled Telco sample has no purchase dates, so this example makes a small purchase log itself,
 * with the library's seeded random numbers: 400 customers who buy at their own rate, spend their own
 * typical amount and may quietly stop buying, over 2024 and 2025. The same seed gives the same log.
 *
 * Run it from the project's root:
 *   npx tsx examples/customer-value.ts            (or: npm run example customer-value)
 *   npx tsx examples/customer-value.ts --seed 11  (another log)
 */
import {
  abcClassify,
  CrmMiningError,
  fitBgNbd,
  fitGammaGamma,
  giniCoefficient,
  probabilisticClv,
  Random,
  rfmAnalysis,
  summarizeCustomers,
  topShare,
  transactionLogFromRecords,
} from 'crm-mining';

const START = Date.UTC(2024, 0, 1);
const DAYS = 731; // 2024-01-01 .. 2025-12-31
const OBSERVATION_DATE = '2025-12-31';
const DAY_MS = 86_400_000;

/** One row of the log (a type alias, not an interface, so that it passes as a plain record). */
type Purchase = { customer: string; date: string; amount: number };

/**
 * A purchase log in the shape BG/NBD assumes: each customer buys at a rate of their own (about every
 * seven weeks on average, some far more often), spends around a typical amount of their own, and after
 * each purchase may drop out for good.
 */
function generatePurchases(customers: number, seed: number): Purchase[] {
  const rng = new Random(seed);
  const purchases: Purchase[] = [];
  for (let c = 1; c <= customers; c++) {
    const id = `C${String(c).padStart(3, '0')}`;
    const perDay = Math.exp(0.7 * rng.normal() - 2) / 7; // purchases per day while active
    const dropOut = 0.05 + 0.25 * rng.next(); // chance of leaving after each purchase
    const typicalSpend = Math.exp(3.5 + 0.5 * rng.normal()); // about 33 a purchase, skewed
    let day = rng.int(DAYS - 90); // first purchase at least 90 days before the observation date
    while (day < DAYS) {
      const amount = Math.round(100 * typicalSpend * Math.exp(0.3 * rng.normal())) / 100;
      purchases.push({ customer: id, date: new Date(START + day * DAY_MS).toISOString().slice(0, 10), amount });
      if (rng.next() < dropOut) break;
      day += Math.max(1, Math.round(-Math.log(1 - rng.next()) / perDay)); // exponential waiting time
    }
  }
  return purchases;
}

const money = (x: number): string => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

function main(args: string[]): void {
  const seed = args[0] === '--seed' ? Number(args[1]) : 7;
  const records = generatePurchases(400, seed);
  // Any table with a customer, a date and an amount column works the same: readTransactionLog reads a file.
  const log = transactionLogFromRecords(records, { customer: 'customer', date: 'date', amount: 'amount' });

  // 1. Per customer: recency (days since the last purchase), frequency and total spend.
  const summary = summarizeCustomers(log, { observationDate: OBSERVATION_DATE });
  console.log(`${records.length} purchases by ${summary.size} customers, 2024-01-01 to ${OBSERVATION_DATE} (seed ${seed}).`);

  // 2. RFM: quintile scores 1..5 of recency, frequency and spend, and a named segment per customer.
  const rfm = rfmAnalysis(summary);
  const bySegment = new Map<string, { customers: number; spend: number }>();
  rfm.segment.forEach((segment, i) => {
    const s = bySegment.get(segment) ?? { customers: 0, spend: 0 };
    s.customers++;
    s.spend += summary.monetaryTotal[i];
    bySegment.set(segment, s);
  });
  console.log('\nRFM segments (quintiles of recency, frequency and total spend):');
  console.log(`  ${'segment'.padEnd(20)}${'customers'.padStart(10)}${'mean spend'.padStart(12)}`);
  for (const [segment, s] of [...bySegment].sort((a, b) => b[1].customers - a[1].customers)) {
    console.log(`  ${segment.padEnd(20)}${String(s.customers).padStart(10)}${money(s.spend / s.customers).padStart(12)}`);
  }

  // 3. ABC / Pareto: A = the customers who bring the first 80% of revenue, B the next 15%, C the rest.
  const abc = abcClassify(summary.monetaryTotal);
  console.log('\nABC tiers by total spend:');
  for (const t of abc.tiers) {
    console.log(`  ${t.label}: ${String(t.customers).padStart(4)} customers (${percent(t.customerShare).padStart(5)}) bring ${percent(t.valueShare).padStart(5)} of revenue`);
  }
  console.log(
    `The top 20% of customers bring ${percent(topShare(summary.monetaryTotal, 0.2))} of revenue (Gini coefficient ${giniCoefficient(summary.monetaryTotal).toFixed(3)}).`,
  );

  // 4. CLV: BG/NBD on repeat purchases (in weeks, its convention) and Gamma-Gamma on the repeat spend.
  const weeks = summarizeCustomers(log, { observationDate: OBSERVATION_DATE, unit: 'weeks' });
  const customers = { frequency: weeks.repeatFrequency, recency: weeks.tX, T: weeks.T, monetary: weeks.repeatMonetaryMean };
  const bgnbd = fitBgNbd(customers);
  const gammaGamma = fitGammaGamma(customers);
  const margin = 0.3;
  const clv = probabilisticClv(bgnbd, gammaGamma, customers, { periods: 12, discountRate: 0.01, margin });
  const f = (x: number): string => x.toFixed(3);
  console.log(`\nBG/NBD: r ${f(bgnbd.r)}, alpha ${f(bgnbd.alpha)}, a ${f(bgnbd.a)}, b ${f(bgnbd.b)}; Gamma-Gamma: p ${f(gammaGamma.p)}, q ${f(gammaGamma.q)}, v ${f(gammaGamma.v)}`);
  const total = clv.reduce((a, b) => a + b, 0);
  console.log(`Expected margin over the next 12 months (${percent(margin)} of spend, 1% a month discount): ${money(total)} in all.`);
  console.log('The five most valuable customers:');
  console.log(`  ${'customer'.padEnd(10)}${'purchases'.padStart(10)}${'last bought'.padStart(13)}${'P(alive)'.padStart(10)}${'CLV'.padStart(10)}`);
  const order = Array.from(clv.keys()).sort((a, b) => clv[b] - clv[a]);
  for (const i of order.slice(0, 5)) {
    const alive = bgnbd.probabilityAlive(weeks.repeatFrequency[i], weeks.tX[i], weeks.T[i]);
    const last = new Date(summary.lastDay[i] * DAY_MS).toISOString().slice(0, 10);
    console.log(
      `  ${summary.customers[i].padEnd(10)}${String(summary.frequency[i]).padStart(10)}${last.padStart(13)}${alive.toFixed(3).padStart(10)}${money(clv[i]).padStart(10)}`,
    );
  }
}

try {
  main(process.argv.slice(2));
} catch (err) {
  // The library's errors say what was wrong and where; anything else is a bug worth its stack trace.
  console.error(err instanceof CrmMiningError ? `error: ${err.message}` : err);
  process.exitCode = 1;
}
