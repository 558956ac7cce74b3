/**
 * Customer segmentation: k-means on the bundled Telco customers, the number of segments chosen by the
 * silhouette, and a profile of each segment a marketer can read (with its churn share).
 *
 * Features per customer: tenure (months), monthly charges, and how many services they have (phone,
 * internet and the add-ons), all standardised so that each counts alike.
 *
 * Run it from the project's root:
 *   npx tsx examples/segmentation.ts                  (or: npm run example segmentation)
 *   npx tsx examples/segmentation.ts my-customers.csv (the same columns as the Telco file)
 */
import { fileURLToPath } from 'node:url';
import { chooseK, CrmMiningError, DataTable, prepareFeatures, readCsv, segmentProfiles } from 'crm-mining';

/** The bundled sample, found next to this file whatever the working directory. */
const TELCO = fileURLToPath(new URL('data/telco-churn.csv', import.meta.url));

const SERVICES = ['PhoneService', 'MultipleLines', 'OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies'];

async function main(args: string[]): Promise<void> {
  const customers = await readCsv(args[0] ?? TELCO);

  // 1. The features: two columns as they are, and a count of services built from nine others.
  const internet = customers.column('InternetService').values;
  const services = SERVICES.map((name) => customers.column(name).values);
  const serviceCount = Array.from({ length: customers.rowCount }, (_, row) => {
    let n = internet[row] === 'DSL' || internet[row] === 'Fiber optic' ? 1 : 0;
    for (const column of services) if (column[row] === 'Yes') n++;
    return n;
  });
  const features = new DataTable([
    customers.column('tenure'),
    customers.column('MonthlyCharges'),
    { name: 'services', type: 'number', values: serviceCount },
  ]);
  const { matrix, raw, featureNames } = prepareFeatures(features, { numeric: ['tenure', 'MonthlyCharges', 'services'], scale: 'standard' });

  // 2. k-means for k = 2..8 (k-means++, 10 restarts each, seeded); keep the k with the best silhouette.
  const choice = chooseK(matrix, { kMin: 2, kMax: 8, seed: 1, silhouetteSampleSize: 3000 });
  console.log(`${customers.rowCount} customers; features ${featureNames.join(', ')} (standardised).`);
  console.log('  k  silhouette  Davies-Bouldin');
  for (const s of choice.scores) console.log(`  ${s.k}  ${s.silhouette.toFixed(3).padStart(10)}  ${s.daviesBouldin.toFixed(3).padStart(14)}`);
  console.log(`Chosen: k = ${choice.bestK} (best silhouette; the elbow of the inertia curve is at k = ${choice.elbowK}).`);

  // 3. Profiles in the original units, and the churn share of each segment.
  const labels = choice.best.labels;
  const profiles = segmentProfiles(raw, labels, { featureNames });
  const churn = customers.column('Churn').values;
  console.log('\nsegment  customers  tenure  monthly  services  churned  description');
  for (const p of profiles) {
    let churned = 0;
    for (let i = 0; i < labels.length; i++) if (labels[i] === p.segment && churn[i] === 'Yes') churned++;
    const [tenure, monthly, count] = p.features.map((f) => f.mean);
    console.log(
      `${String(p.segment).padStart(7)}  ${String(p.size).padStart(9)}  ${tenure.toFixed(1).padStart(6)}  ${monthly.toFixed(2).padStart(7)}` +
        `  ${count.toFixed(1).padStart(8)}  ${`${((100 * churned) / Math.max(1, p.size)).toFixed(1)}%`.padStart(7)}  ${p.description}`,
    );
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // The library's errors say what was wrong and where; anything else is a bug worth its stack trace.
  console.error(err instanceof CrmMiningError ? `error: ${err.message}` : err);
  process.exitCode = 1;
});
