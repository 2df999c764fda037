/**
 * The NCTS phase 5 trader test pack (test/fixtures/ncts5/test-pack, SOURCES.md there) with its
 * placeholders filled, and xmllint run on many messages at once as the reference validator.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { XSD_DIR } from '../../src/transit/xsd-model.js';
import { XMLLINT } from '../support/tools.js';

const PACK = new URL('../fixtures/ncts5/test-pack/', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.xml') ? [path] : [];
  });
}

export interface PackMessage {
  /** Path under test-pack/, e.g. standard-departures/gb-xi/normal/dngb12_ie015_xml_example.xml. */
  name: string;
  /** ie015, ie170, ie007, ie044. */
  ie: string;
  /** The scenario the file names (dngb12, psxi5 …): its messages belong to one movement. */
  scenario: string;
  template: string;
}

export const PACK_MESSAGES: PackMessage[] = filesUnder(PACK)
  .sort()
  .map((path) => {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const [scenario = '', ie = ''] = base.split('_');
    return { name: relative(PACK, path), ie, scenario, template: readFileSync(path, 'utf8') };
  });

let counter = 0;

export interface Fill {
  lrn?: string;
  mrn?: string;
  messageIdentification?: string;
  now?: Date;
}

const dateTime = (d: Date) => d.toISOString().slice(0, 19);
const date = (d: Date) => d.toISOString().slice(0, 10);

/** A template with every placeholder filled with plausible values; `mrn`/`lrn` replace the sample ones of follow-up messages. */
export function fillTemplate(template: string, fill: Fill = {}): string {
  const now = fill.now ?? new Date();
  const later = new Date(now.getTime() + 2 * 86_400_000);
  counter++;
  const lrn = fill.lrn ?? `SWGTEST${now.getTime().toString(36).toUpperCase()}${counter}`.slice(0, 22);
  let xml = template
    .replaceAll('{{preparationDateAndTime}}', dateTime(now))
    .replaceAll('{{messageIdentification}}', fill.messageIdentification ?? `MSG${counter}${now.getTime().toString(36)}`.slice(0, 35))
    .replaceAll('{{LRN}}', lrn)
    .replaceAll('{{arrivalTime}}', dateTime(later))
    .replaceAll('{{arrivalNotificationDateAndTime}}', dateTime(now))
    .replaceAll('{{limitDate}}', date(later))
    .replaceAll('{{unloadingDate}}', date(now))
    .replaceAll('{{Declarant EORI Number}}', 'GB953574106000');
  if (fill.mrn) xml = xml.replace(/<MRN>[^<]*<\/MRN>/, `<MRN>${fill.mrn}</MRN>`);
  if (fill.lrn) xml = xml.replace(/<LRN>[^<]*<\/LRN>/, `<LRN>${fill.lrn}</LRN>`);
  return xml;
}

/**
 * xmllint's verdict on each message against the XSD of `type` (one process for all of them:
 * xmllint reads the schema once). True: "validates".
 */
export function xmllintVerdicts(type: string, messages: readonly string[]): boolean[] {
  const dir = mkdtempSync(join(tmpdir(), 'swgate-ncts-'));
  try {
    const files = messages.map((xml, i) => {
      const file = join(dir, `m${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    const run = spawnSync(XMLLINT.command, ['--noout', '--nonet', '--schema', join(XSD_DIR, `${type.toLowerCase()}.xsd`), ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const validates = new Set(run.stderr.split('\n').flatMap((line) => (line.endsWith(' validates') ? [line.slice(0, -' validates'.length)] : [])));
    return files.map((f) => validates.has(f));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
