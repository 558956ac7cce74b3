/**
 * Recommenders: which service to offer a Telco customer next. The services each customer of the bundled
 * sample has are implicit feedback (they have it or not; no ratings). Several families, all behind the
 * one `Recommender` interface, are compared on the same hold-out (one service hidden per customer: does
 * the recommender put it in its top 3?), beside a random baseline; then a weighted hybrid recommends for
 * one customer, with its reasons.
 *
 * Run it from the project's root:
 *   npx tsx examples/recommenders.ts                  (or: npm run example recommenders)
 *   npx tsx examples/recommenders.ts my-customers.csv (the same columns as the Telco file)
 */
import { fileURLToPath } from 'node:url';
import {
  compare,
  CrmMiningError,
  CrossSellRecommender,
  ImplicitAlsRecommender,
  Interactions,
  KnnRecommender,
  leaveNOutSplit,
  PopularityRecommender,
  RandomRecommender,
  readCsv,
  strongRules,
  TransactionSet,
  weightedHybrid,
  type FitRecommender,
  type InteractionRecord,
} from 'crm-mining';

/** The bundled sample, found next to this file whatever the working directory. */
const TELCO = fileURLToPath(new URL('data/telco-churn.csv', import.meta.url));

const PHONE_SERVICES = ['PhoneService', 'MultipleLines'];
const INTERNET_SERVICES = ['OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies'];

/** Cross-selling from association rules mined on the training customers' services. */
function crossSell(train: Interactions): CrossSellRecommender {
  const baskets: Record<string, string[]> = {};
  for (const user of train.users.ids) baskets[user] = train.consumed(user);
  const { rules } = strongRules(TransactionSet.fromArrays(Object.values(baskets)), { minSupport: 0.05, minConfidence: 0.3 });
  return CrossSellRecommender.fromRules(rules, { baskets, items: train.items.ids });
}

/** A weighted hybrid: the rules, the items' co-occurrence (item-kNN) and plain popularity. */
function hybrid(train: Interactions) {
  return weightedHybrid([
    { recommender: crossSell(train), weight: 0.5 },
    { recommender: KnnRecommender.fit(train, { userBased: false, similarity: 'cosine' }), weight: 0.3 },
    { recommender: PopularityRecommender.fit(train), weight: 0.2 },
  ]);
}

async function main(args: string[]): Promise<void> {
  const customers = await readCsv(args[0] ?? TELCO);
  const ids = customers.column('customerID').values.map(String);
  const records: InteractionRecord[] = [];
  for (const service of [...PHONE_SERVICES, ...INTERNET_SERVICES]) {
    customers.column(service).values.forEach((v, row) => {
      if (v === 'Yes') records.push({ user: ids[row], item: service });
    });
  }
  const services = Interactions.fromRecords(records); // implicit: each (customer, service) counts 1
  console.log(`${services.nUsers} customers with at least one service, ${services.nItems} services, ${services.nnz} subscriptions.`);

  // 1. Every family on the same split: one service per customer (with two or more) hidden.
  const families: Record<string, FitRecommender> = {
    random: (train) => RandomRecommender.fit(train, { seed: 1 }),
    popularity: (train) => PopularityRecommender.fit(train),
    'item-kNN': (train) => KnnRecommender.fit(train, { userBased: false, similarity: 'cosine' }),
    'implicit ALS': (train) => ImplicitAlsRecommender.fit(train, { factors: 8, iterations: 10, seed: 1 }),
    'cross-sell rules': crossSell,
    hybrid,
  };
  const split = leaveNOutSplit(services, { n: 1, seed: 42 });
  const { rows } = compare(families, services, { splits: [split], k: 3, maxUsers: 2000 }); // a seeded sample of 2,000 test customers
  console.log(`\nThe hidden service in the top 3 (hit rate), over ${rows[0].users} customers:`);
  console.log(`  ${'family'.padEnd(18)}${'hit rate'.padStart(9)}${'NDCG@3'.padStart(8)}${'coverage'.padStart(10)}`);
  for (const r of rows) {
    console.log(`  ${r.algorithm.padEnd(18)}${r.hitRate.toFixed(3).padStart(9)}${r.ndcgAtK.toFixed(3).padStart(8)}${r.coverage.toFixed(2).padStart(10)}`);
  }
  const best = rows.filter((r) => r.algorithm !== 'random').sort((a, b) => b.hitRate - a.hitRate)[0];
  const random = rows.find((r) => r.algorithm === 'random')!;
  console.log(`Best: ${best.algorithm}, hit rate ${best.hitRate.toFixed(3)} against ${random.hitRate.toFixed(3)} for random picks.`);

  // 2. The hybrid on every customer: the next service for one customer, among those their line allows.
  const recommender = hybrid(services);
  const who = ids.find((id) => services.consumed(id).length === 3) ?? ids[0];
  const hasInternet = customers.column('InternetService').values[ids.indexOf(who)] !== 'No';
  const candidates = hasInternet ? [...PHONE_SERVICES, ...INTERNET_SERVICES] : PHONE_SERVICES;
  console.log(`\nCustomer ${who} has ${services.consumed(who).join(', ')}; offer next:`);
  for (const r of recommender.recommend(who, { k: 3, candidates })) console.log(`  ${r.item} (score ${r.score.toFixed(3)})\n    why: ${r.reason}`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // The library's errors say what was wrong and where; anything else is a bug worth its stack trace.
  console.error(err instanceof CrmMiningError ? `error: ${err.message}` : err);
  process.exitCode = 1;
});
