/**
 * Worst-case time of every XSD pattern of the generated schemas (issue 13): `npx tsx bench/patterns.ts`.
 * For each pattern, the input that is slowest at 64 KiB (a long run of allowed characters ending
 * in a line break or a disallowed one, test/validation/schema-patterns.ts) is timed at 1 MiB and
 * 5 MiB (the default body limit). Baseline in the same run: one pass of JavaScript's own engine
 * over the same 5 MiB (`/^[^\n\r]*$/`, which cannot backtrack). Budgets: 5 MiB costs at most
 * 10× what 1 MiB does (linear is 5×, quadratic 25×; the rest is a shared machine's noise) and at
 * most 1 s; the run exits 1 otherwise.
 * Then a whole document with a 5 MiB value, validated end to end.
 * JavaScript's backtracking engine, which swgate used before, took 1.5 s on `.*[^\s].*` over 40 KB
 * of letters and a line break, 12 s over 80 KB and 58 s over 160 KB: 17 hours or more at 5 MiB.
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { wcoXmlToJson } from '../src/documents/wco/codec.js';
import { validateDocument } from '../src/validation/validate-document.js';
import { matchesXsdPattern } from '../src/validation/xsd-regex.js';
import { schemaPatterns, worstInputs } from '../test/validation/schema-patterns.js';

const MIB = 1024 * 1024;
const SCALING_BUDGET = 10;
const TIME_BUDGET_MS = 1000;

/** Median of five runs, in ms. */
function time(run: () => unknown): number {
  const runs = [0, 1, 2, 3, 4].map(() => {
    const start = performance.now();
    run();
    return performance.now() - start;
  });
  return runs.sort((a, b) => a - b)[2]!;
}

const shown = (value: string) => `${JSON.stringify(value.slice(0, 2))}…${JSON.stringify(value.slice(-1))}`;
const LINE = /^[^\n\r]*$/;
const baseline = time(() => LINE.test('a'.repeat(5 * MIB)));
console.log(`baseline: one pass of /^[^\\n\\r]*$/ over 5 MiB: ${baseline.toFixed(1)} ms`);

let over = false;
let slowest = { pattern: '', ms: 0, input: '' };
for (const pattern of schemaPatterns()) {
  const probes = worstInputs(64 * 1024).map((value) => ({ value, ms: time(() => matchesXsdPattern(pattern, value)) }));
  const worst = probes.reduce((a, b) => (b.ms > a.ms ? b : a)).value;
  const atSize = (bytes: number) =>
    worst
      .slice(0, -1)
      .repeat(Math.ceil(bytes / worst.length))
      .slice(0, bytes - 1) + worst.slice(-1);
  const oneMiB = atSize(MIB);
  const fiveMiB = atSize(5 * MIB);
  const ms1 = time(() => matchesXsdPattern(pattern, oneMiB));
  const ms5 = time(() => matchesXsdPattern(pattern, fiveMiB));
  const scaling = ms5 / ms1;
  // A pattern that gives up within a few characters takes microseconds at any size: its ratio is noise.
  const ok = (ms5 < 5 || scaling <= SCALING_BUDGET) && ms5 <= TIME_BUDGET_MS;
  over ||= !ok;
  if (ms5 > slowest.ms) slowest = { pattern, ms: ms5, input: shown(fiveMiB) };
  console.log(
    `${pattern.padEnd(38)} worst ${shown(worst).padEnd(14)} 1 MiB ${ms1.toFixed(1).padStart(7)} ms  5 MiB ${ms5.toFixed(1).padStart(7)} ms` +
      `  5/1 ${scaling.toFixed(1).padStart(4)}×  vs baseline ${(ms5 / baseline).toFixed(1).padStart(5)}×  ${ok ? 'within budget' : 'OVER BUDGET'}`,
  );
}
console.log(`slowest pattern at 5 MiB: ${slowest.pattern} on ${slowest.input}: ${slowest.ms.toFixed(1)} ms`);

// End to end: a declaration whose Exporter Name (maxLength 70) is 5 MiB ending in a line break.
const sample = 'test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml';
const json = structuredClone(wcoXmlToJson(readFileSync(sample)).json) as { MetaData: { Declaration: { Exporter: { Name: string } } } };
json.MetaData.Declaration.Exporter.Name = `${'a'.repeat(5 * MIB - 20_000)}\n`;
const body = Buffer.from(JSON.stringify(json));
let findings: string[] = [];
const documentMs = time(() => (findings = validateDocument(body, 'wco-json').findings.map((f) => f.code)));
console.log(
  `validateDocument, ${(body.length / MIB).toFixed(2)} MiB declaration with that value: ${documentMs.toFixed(1)} ms, findings ${findings.join(', ')}`,
);
if (over) process.exitCode = 1;
