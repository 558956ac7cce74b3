/**
 * Neural churn prediction on the bundled Telco customers: a small multilayer perceptron (TensorFlow.js,
 * wasm backend) trained on three quarters of them, scored on the rest; the lift by decile, the offer
 * threshold that maximises a retention campaign's profit, and the riskiest customers with the reasons.
 *
 * Preprocessing (imputing the blank TotalCharges, one-hot encoding, scaling) is fitted on the training
 * customers only and kept with the model. Training is capped at 10 epochs here so that the example runs
 * in seconds; the library's default (60, with early stopping) gains a little more.
 *
 * Run it from the project's root:
 *   npx tsx examples/churn.ts                  (or: npm run example churn)
 *   npx tsx examples/churn.ts my-customers.csv (any CSV with a Yes/No "Churn" column and a "customerID")
 */
import { fileURLToPath } from 'node:url';
import { CrmMiningError, gainsTable, readCsv, retentionThreshold, rocAuc, selectRows, trainChurnModel, trainTestSplit } from 'crm-mining';

/** The bundled sample, found next to this file whatever the working directory. */
const TELCO = fileURLToPath(new URL('data/telco-churn.csv', import.meta.url));

async function main(args: string[]): Promise<void> {
  const customers = await readCsv(args[0] ?? TELCO);
  const churn = customers.column('Churn').values.map(String);
  const split = trainTestSplit(customers.rowCount, { testSize: 0.25, seed: 42, stratify: churn });

  // 1. Train (on the training rows only) and score the held-out customers.
  const model = await trainChurnModel(customers, { target: 'Churn', id: 'customerID', rows: split.train, epochs: 10, backend: 'wasm', seed: 42 });
  try {
    const test = selectRows(customers, split.test);
    const left = Array.from(split.test, (i) => (churn[i] === 'Yes' ? 1 : 0));
    const p = model.predictProbabilities(test);
    console.log(
      `MLP ${model.settings.hiddenLayers.join('-')} on the ${model.backend} backend, ${model.preprocessor.width} inputs; ` +
        `trained on ${split.train.length} customers for ${model.history.length} epochs.`,
    );
    console.log(`Held-out customers: ${split.test.length}, ROC AUC ${rocAuc(left, p).toFixed(3)}.`);

    // 2. Lift: how concentrated the churners are among the customers the model ranks riskiest.
    console.log('  decile  churn rate  share of churners  lift');
    for (const g of gainsTable(left, p).slice(0, 3)) {
      console.log(`  ${String(g.group).padStart(6)}  ${`${(100 * g.rate).toFixed(1)}%`.padStart(10)}  ${`${(100 * g.gain).toFixed(1)}%`.padStart(17)}  ${g.lift.toFixed(2)}`);
    }

    // 3. A retention offer costing 50 keeps a quarter of the would-be churners, each worth two years of bills.
    const value = test.column('MonthlyCharges').values.map((v) => 24 * Number(v));
    const plan = retentionThreshold({ probabilities: p, labels: left, value, offerCost: 50, successRate: 0.25 });
    console.log(
      `\nOffer to customers with a churn probability >= ${plan.threshold.toFixed(3)}: ${plan.contacted} of ${split.test.length} contacted, ` +
        `profit ${Math.round(plan.profit).toLocaleString('en-US')} (realised on the held-out customers).`,
    );

    // 4. The riskiest held-out customers, and what raises their risk against a typical customer.
    const riskiest = Array.from(p.keys())
      .sort((a, b) => p[b] - p[a])
      .slice(0, 3);
    console.log('The riskiest held-out customers and why:');
    for (const r of model.explain(riskiest.map((i) => test.row(i)), { top: 3 })) {
      const why = r.drivers.map((d) => `${d.column} = ${d.value} (+${d.effect.toFixed(2)})`).join(', ');
      console.log(`  ${r.id}  ${r.probability.toFixed(3)}  ${why}`);
    }
  } finally {
    model.dispose(); // frees the network's tensors
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // The library's errors say what was wrong and where; anything else is a bug worth its stack trace.
  console.error(err instanceof CrmMiningError ? `error: ${err.message}` : err);
  process.exitCode = 1;
});
