/**
 * Parse + convert + validate of a ~10 KB WCO declaration per second on one core, against
 * fast-xml-parser 5 parsing the same bytes alone, in the same run.  npx tsx bench/codec.ts
 * The saxes-based parser swgate used before its own scanner runs too, for the ratio between them.
 *
 * The machines are shared: candidates run interleaved in short rounds and each reports its
 * median round, so a burst of load elsewhere hits all of them alike.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { wcoJsonToXmlString, wcoXmlToJson } from '../src/documents/wco/codec.js';
import { parseXml } from '../src/documents/xml/parse.js';
import { validateDocument } from '../src/validation/validate-document.js';
import { parseXmlWithSaxes } from '../test/documents/xml/saxes-reference.js';

const SAMPLE = 'IMZ_Aggregated_Supplementary_Declaration__IMZ_Aggregated_Supplementary_Declaration.xml';
const ROUNDS = 9;
const ROUND_MS = 400;

/** The corpus sample as swgate writes it (no comments, no indentation): ~10 KB of data. */
function declaration(): Buffer {
  const { json } = wcoXmlToJson(readFileSync(new URL(`../test/fixtures/wco-dm/samples/customs-declarations/import/${SAMPLE}`, import.meta.url)));
  return Buffer.from(wcoJsonToXmlString(json!));
}

function roundRate(run: () => unknown): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ROUND_MS) {
    run();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const body = declaration();
// fast-xml-parser with the settings SECURITY.md asks for: no value coercion.
const fxp = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false });
const candidates: Array<[string, () => unknown]> = [
  ['fast-xml-parser 5 parse only (baseline)', () => fxp.parse(body)],
  ['saxes reference parse (swgate before)', () => parseXmlWithSaxes(body)],
  ['swgate parseXml (own scanner, safe)', () => parseXml(body)],
  ['swgate parse + convert to WCO JSON', () => wcoXmlToJson(body)],
  ['swgate parse + convert + validate', () => validateDocument(body, 'wco-xml')],
];
for (const [, run] of candidates) for (let i = 0; i < 300; i++) run(); // warm-up; compiles the schema once

const rates = candidates.map((): number[] => []);
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, [, run]] of candidates.entries()) rates[i]!.push(roundRate(run));
}

const baseline = median(rates[0]!);
console.log(`document: ${body.length} bytes (${SAMPLE} as swgate writes it); median of ${ROUNDS} interleaved rounds`);
candidates.forEach(([name], i) => {
  const rate = median(rates[i]!);
  console.log(`${name.padEnd(42)} ${rate.toFixed(0).padStart(6)}/s  ratio to baseline ${(rate / baseline).toFixed(2)}`);
});
const saxes = median(rates[1]!);
const own = median(rates[2]!);
console.log(
  `parseXml / saxes reference: ${(own / saxes).toFixed(1)}x (${((1000 / own) * 1000).toFixed(0)} µs vs ${((1000 / saxes) * 1000).toFixed(0)} µs per document)`,
);
