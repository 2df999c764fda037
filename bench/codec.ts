/**
 * Parse + convert + validate of a ~10 KB WCO declaration per second on one core, against
 * fast-xml-parser 5 parsing the same bytes alone, in the same run.  npx tsx bench/codec.ts
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { wcoJsonToXmlString, wcoXmlToJson } from '../src/documents/wco/codec.js';
import { parseXml } from '../src/documents/xml/parse.js';
import { validateDocument } from '../src/validation/validate-document.js';

const SAMPLE = new URL('../test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM184a__Step1_TT_IM184a.xml', import.meta.url);

/** The sample as swgate writes it (no comments, no indentation), padded out to ~10 KB of data. */
function declaration(): Buffer {
  const { json } = wcoXmlToJson(readFileSync(SAMPLE));
  return Buffer.from(wcoJsonToXmlString(json!));
}

/** Operations per second of `run` over ~2 s, after a warm-up. */
function perSecond(run: () => unknown): number {
  for (let i = 0; i < 200; i++) run();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 2_000) {
    for (let i = 0; i < 50; i++) run();
    n += 50;
  }
  return (n * 1000) / (performance.now() - start);
}

const body = declaration();
// fast-xml-parser with the settings SECURITY.md asks for: no value coercion.
const fxp = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, removeNSPrefix: false });
validateDocument(body, 'wco-xml'); // compiles the schema once, outside the measurement

const baseline = perSecond(() => fxp.parse(body));
const results: Array<[string, number]> = [
  ['fast-xml-parser 5 parse only (baseline)', baseline],
  ['swgate parseXml (saxes, safe)', perSecond(() => parseXml(body))],
  ['swgate parse + convert to WCO JSON', perSecond(() => wcoXmlToJson(body))],
  ['swgate parse + convert + validate', perSecond(() => validateDocument(body, 'wco-xml'))],
];
console.log(`document: ${body.length} bytes (${SAMPLE.pathname.split('/').at(-1)} as swgate writes it)`);
for (const [name, rate] of results) {
  console.log(`${name.padEnd(42)} ${rate.toFixed(0).padStart(6)}/s  ratio to baseline ${(rate / baseline).toFixed(2)}`);
}
