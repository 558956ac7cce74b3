import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The 150 Iris rows (Fisher 1936, scikit-learn's copy) as four numeric features and the species. */
export function loadIris(): { x: number[][]; species: string[] } {
  const text = readFileSync(resolve(process.cwd(), 'test', 'fixtures', 'iris.csv'), 'utf8');
  const lines = text.trim().split('\n').slice(1);
  const x: number[][] = [];
  const species: string[] = [];
  for (const line of lines) {
    const parts = line.split(',');
    x.push(parts.slice(0, 4).map(Number));
    species.push(parts[4]);
  }
  return { x, species };
}
