/**
 * Transit message benchmark (issue 27): `npm run bench:transit [seconds]`.
 * CC015C departure declarations of the trader test pack (filled), validated against the CTC
 * phase 5 XSDs three ways in the same run:
 *   - validateCtcMessage (src/transit/validate.ts), in process;
 *   - xmllint, one subprocess per message (`xmllint --noout --schema cc015c.xsd`): the reference;
 *   - xmllint, one subprocess for a batch of 200 (the schema read once), its best case;
 * and against the floor of reading the same bytes with the gateway's XML parser (parseXml).
 * Also one large CC015C (1,999 consignment items) for the bytes-per-second figure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseXml } from '../src/documents/xml/parse.js';
import { CTC_XML_LIMITS, ctcSchemas, validateCtcMessage } from '../src/transit/validate.js';
import { XSD_DIR } from '../src/transit/xsd-model.js';
import { XMLLINT } from '../test/support/tools.js';
import { PACK_MESSAGES, fillTemplate } from '../test/transit/test-pack.js';
import { departuresSection } from './transit-departures.js';

const SECONDS = Number(process.argv[2] ?? 3);
const XSD = join(XSD_DIR, 'cc015c.xsd');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const declarations = PACK_MESSAGES.filter((m) => m.ie === 'ie015').map((m) => Buffer.from(fillTemplate(m.template)));

function large(): Buffer {
  const base = fillTemplate(PACK_MESSAGES.find((m) => m.name.endsWith('dngb12_ie015_xml_example.xml'))!.template);
  const item = /<ConsignmentItem>[\s\S]*?<\/ConsignmentItem>/.exec(base)![0];
  const items = Array.from({ length: 999 }, (_, i) =>
    item.replace(/<goodsItemNumber>\d+/, `<goodsItemNumber>${i + 1}`).replace(/<declarationGoodsItemNumber>\d+/, `<declarationGoodsItemNumber>${i + 1}`),
  ).join('');
  const houses = [1, 2].map((n) => `<HouseConsignment><sequenceNumber>${n}</sequenceNumber><grossMass>2000</grossMass>${items}</HouseConsignment>`).join('');
  return Buffer.from(base.replace(/<HouseConsignment>[\s\S]*<\/HouseConsignment>/, houses));
}

/** Runs `task` over the messages for about SECONDS; answers messages per second. */
function perSecond(task: (xml: Buffer) => void, messages: readonly Buffer[], seconds = SECONDS): number {
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    task(messages[done % messages.length]!);
    done++;
  }
  return done / ((performance.now() - started) / 1000);
}

const dir = mkdtempSync(join(tmpdir(), 'swgate-bench-transit-'));
try {
  const files = declarations.map((xml, i) => {
    const file = join(dir, `d${i}.xml`);
    writeFileSync(file, xml);
    return file;
  });
  const xmllintOne = (file: string) => {
    const run = spawnSync(XMLLINT.command, ['--noout', '--nonet', '--schema', XSD, file], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`xmllint refused ${file}: ${run.stderr}`);
  };

  const schemaStart = performance.now();
  ctcSchemas().root('CC015C');
  const schemaMs = performance.now() - schemaStart;
  // Warm up, and make sure every declaration is valid: a benchmark of refusals would measure something else.
  for (const xml of declarations) if (validateCtcMessage(xml).findings.length > 0) throw new Error('a test-pack declaration is invalid');

  const parseRate = perSecond((xml) => parseXml(xml, CTC_XML_LIMITS), declarations);
  const oursRate = perSecond((xml) => validateCtcMessage(xml, { expect: ['CC015C'] }), declarations);
  let n = 0;
  const xmllintRate = perSecond(() => xmllintOne(files[n++ % files.length]!), declarations, Math.min(SECONDS, 3));
  const batch = Array.from({ length: 200 }, (_, i) => files[i % files.length]!);
  const batchStart = performance.now();
  const batchRun = spawnSync(XMLLINT.command, ['--noout', '--nonet', '--schema', XSD, ...batch], { encoding: 'utf8' });
  if (batchRun.status !== 0) throw new Error(`xmllint refused the batch: ${batchRun.stderr.slice(0, 500)}`);
  const batchRate = batch.length / ((performance.now() - batchStart) / 1000);

  const big = large();
  if (validateCtcMessage(big).findings.length > 0) throw new Error('the large declaration is invalid');
  const bigFile = join(dir, 'large.xml');
  writeFileSync(bigFile, big);
  const bigRate = perSecond((xml) => validateCtcMessage(xml), [big]);
  const bigParse = perSecond((xml) => parseXml(xml, CTC_XML_LIMITS), [big]);
  const bigLint = perSecond(() => xmllintOne(bigFile), [big], Math.min(SECONDS, 2));
  const mb = big.length / 1024 / 1024;

  const avgKb = declarations.reduce((s, d) => s + d.length, 0) / declarations.length / 1024;
  console.log(
    `transit: CC015C validation, ${declarations.length} test-pack declarations (${avgKb.toFixed(1)} KB average); schemas read in ${schemaMs.toFixed(0)} ms once`,
  );
  console.log(`  parseXml only (floor)            ${fmt(parseRate).padStart(9)} msg/s`);
  console.log(`  validateCtcMessage               ${fmt(oursRate).padStart(9)} msg/s  = ${(oursRate / parseRate).toFixed(2)}x the parse floor`);
  console.log(`  xmllint, a process per message   ${fmt(xmllintRate).padStart(9)} msg/s  -> ours is ${(oursRate / xmllintRate).toFixed(0)}x`);
  console.log(`  xmllint, 200 in one process      ${fmt(batchRate).padStart(9)} msg/s  -> ours is ${(oursRate / batchRate).toFixed(1)}x`);
  console.log(`transit: one CC015C of 1,999 consignment items (${mb.toFixed(2)} MB)`);
  console.log(`  parseXml only (floor)            ${(bigParse * mb).toFixed(1).padStart(9)} MB/s`);
  console.log(`  validateCtcMessage               ${(bigRate * mb).toFixed(1).padStart(9)} MB/s  = ${(bigRate / bigParse).toFixed(2)}x the parse floor`);
  console.log(`  xmllint, a process per message   ${(bigLint * mb).toFixed(1).padStart(9)} MB/s  -> ours is ${(bigRate / bigLint).toFixed(1)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Departures per second through validation to release, against the ingest floor of declarations (transit-departures.ts).
await departuresSection();
