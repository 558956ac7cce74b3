/**
 * The bundled Telco sample read naively, without library code, for tests that recount what the CLI
 * reports: the customers as rows of named cells, and whether a customer's basket holds an item.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The bundled Telco customer-churn file. */
export const TELCO_DATA = resolve(process.cwd(), 'examples/data/telco-churn.csv');

/** The customers of the bundled file as rows of named cells (the file has no quoted fields). */
export function rawCustomers(): Record<string, string>[] {
  const [header, ...lines] = readFileSync(TELCO_DATA, 'utf8').trimEnd().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((n, i) => [n, cells[i]]));
  });
}

/** Whether a customer has an item, decided here from the raw cells (independently of the CLI's code). */
export function hasItem(c: Record<string, string>, item: string): boolean {
  if (item === 'Churn') return c.Churn === 'Yes';
  if (item === 'Tenure<12m') return Number(c.tenure) < 12;
  if (item.startsWith('Internet=')) return c.InternetService === item.slice('Internet='.length);
  if (item.startsWith('Contract=')) return c.Contract === item.slice('Contract='.length);
  if (!(item in c)) throw new Error(`unknown item ${item}`);
  return c[item] === 'Yes';
}
