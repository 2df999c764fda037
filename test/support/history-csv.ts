import { HISTORY_COLUMNS } from '../../src/risk/history.js';
import { seededRandom } from './random.js';

/** History CSV (risk/history.ts columns) of `rows` rows, seeded: sgd.id `H<n>`, one goods item each, dates through 2024 and 2025. */
export function historyCsv(rows: number, seed = 1): string {
  const random = seededRandom(seed);
  const lines = [HISTORY_COLUMNS.join(',')];
  const origins = ['CN', 'VN', 'TR', 'IN', 'US'];
  for (let n = 0; n < rows; n++) {
    const date = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 730) * 86_400_000).toISOString().slice(0, 10);
    const illicit = random() < 0.05 ? 1 : 0;
    const value = (100 + random() * 10_000).toFixed(2);
    lines.push(
      [
        `H${n}`,
        date,
        `IMP${n % 300}`,
        `DEC${n % 40}`,
        origins[n % origins.length],
        `OFF${n % 7}`,
        `6109${String(n % 97).padStart(2, '0')}1000`,
        '10',
        (5 + random() * 500).toFixed(1),
        value,
        value,
        '12.5',
        illicit,
        illicit ? '250' : '0',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
