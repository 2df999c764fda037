/**
 * Verdicts (valid / invalid) of swgate's structural validation against libxml2's
 * `xmllint --schema` on the same XSD, over mutated corpus samples.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../../src/documents/xml/parse.js';
import { validateDocument } from '../../src/validation/validate-document.js';
import { fixture } from '../documents/support.js';
import { DECLARATION_SAMPLES, NOTIFICATION_SAMPLES } from '../documents/wco/corpus.js';
import { writeTree } from './xml-writer.js';
import { seededRandom } from '../support/random.js';
import { toolsPresent, XMLLINT } from '../support/tools.js';

const xsd = (path: string): string => fileURLToPath(new URL(`../fixtures/wco-dm/xsd/${path}`, import.meta.url));
/** Each corpus sample with the XSD entry point xmllint validates it against (as in the corpus SOURCES.md). */
const SUBJECTS: Array<[string, string]> = [
  ...DECLARATION_SAMPLES.map((s): [string, string] => [s, xsd('customs-declarations/customs/wrapper_submit.xsd')]),
  // Notifications are few: three rounds each.
  ...[1, 2, 3].flatMap(() => NOTIFICATION_SAMPLES.map((s): [string, string] => [s, xsd('_local/cd_wrapper_notification.xsd')])),
];

function elementsOf(el: XmlElement): XmlElement[] {
  return el.children.flatMap((c) => (typeof c === 'string' ? [] : [c, ...elementsOf(c)]));
}
const isLeaf = (el: XmlElement): boolean => el.children.every((c) => typeof c === 'string');
const childElements = (el: XmlElement): XmlElement[] => el.children.filter((c): c is XmlElement => typeof c !== 'string');

type Mutation = (root: XmlElement, pick: <T>(items: T[]) => T) => string;

function setText(el: XmlElement, text: string): void {
  el.children = text === '' ? [] : [text];
}

const MUTATIONS: Record<string, Mutation> = {
  drop(root, pick) {
    const parent = pick(elementsOf(root).filter((e) => !isLeaf(e)));
    const child = pick(childElements(parent));
    parent.children.splice(parent.children.indexOf(child), 1);
    return `drop ${child.name} from ${parent.name}`;
  },
  duplicate(root, pick) {
    const parent = pick(elementsOf(root).filter((e) => !isLeaf(e)));
    const child = pick(childElements(parent));
    parent.children.splice(parent.children.indexOf(child), 0, structuredClone(child));
    return `duplicate ${child.name} in ${parent.name}`;
  },
  reorder(root, pick) {
    const parent = pick(elementsOf(root).filter((e) => childElements(e).length > 1));
    const kids = childElements(parent);
    const i = pick(kids.slice(0, -1).map((_, k) => k));
    const [a, b] = [kids[i]!, kids[i + 1]!];
    const ia = parent.children.indexOf(a);
    const ib = parent.children.indexOf(b);
    parent.children[ia] = b;
    parent.children[ib] = a;
    return `swap ${a.name} and ${b.name} in ${parent.name}`;
  },
  overlong(root, pick) {
    const leaf = pick(elementsOf(root).filter(isLeaf));
    setText(leaf, `${leaf.children.join('')}${'7'.repeat(pick([1, 20, 80]))}`);
    return `overlong ${leaf.name}`;
  },
  'bad pattern'(root, pick) {
    const leaf = pick(elementsOf(root).filter(isLeaf));
    const value = pick(['G1', '1e3', 'x y', '12.5', 'ab', '-0', '0x1F', 'é', '20231301', '2023']);
    setText(leaf, value);
    return `${leaf.name} = ${JSON.stringify(value)}`;
  },
  empty(root, pick) {
    const leaf = pick(elementsOf(root).filter(isLeaf));
    setText(leaf, pick(['', ' ']));
    return `empty ${leaf.name}`;
  },
  padded(root, pick) {
    const leaf = pick(elementsOf(root).filter(isLeaf));
    setText(leaf, ` \n${leaf.children.join('')}\t `);
    return `padded ${leaf.name}`;
  },
  'unknown element'(root, pick) {
    const parent = pick(elementsOf(root).filter((e) => !isLeaf(e)));
    const at = pick(parent.children.map((_, k) => k));
    parent.children.splice(at, 0, {
      ns: parent.ns,
      name: pick(['Colour', 'ID', 'TypeCode']),
      prefix: '',
      attrs: [],
      children: ['1'],
      line: 0,
      hasComments: false,
    });
    return `insert an element into ${parent.name}`;
  },
  'bad attribute'(root, pick) {
    const withAttrs = elementsOf(root).filter((e) => e.attrs.length > 0 && isLeaf(e));
    const el = pick(withAttrs.length > 0 ? withAttrs : elementsOf(root).filter(isLeaf));
    const attr = el.attrs[0];
    if (attr && pick([true, false])) {
      attr.value = pick(['EURO', 'gbp', '999', '', 'KGMKGM']);
      return `${el.name}/@${attr.name} = ${JSON.stringify(attr.value)}`;
    }
    const name = pick(['currencyID', 'bogus', 'unitCode'].filter((n) => !el.attrs.some((a) => a.name === n)));
    el.attrs.push({ ns: '', name, prefix: '', value: 'EUR' });
    return `add an attribute to ${el.name}`;
  },
};

interface Case {
  name: string;
  file: string;
  xml: string;
  schema: string;
}

const cases: Case[] = [];
let dir = '';
const xmllintValid = new Map<string, boolean>();

describe.runIf(toolsPresent(XMLLINT))('structural verdicts agree with xmllint --schema', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'swgate-xmllint-'));
    const pick = seededRandom(20261129);
    const choose = <T>(items: T[]): T => items[Math.floor(pick() * items.length)]!;
    for (const [sample, schema] of SUBJECTS) {
      for (const [kind, mutate] of Object.entries(MUTATIONS)) {
        const root = parseXml(fixture(sample));
        const what = mutate(root, choose);
        const file = join(dir, `${cases.length}.xml`);
        const xml = writeTree(root);
        writeFileSync(file, xml);
        cases.push({ name: `${kind}: ${what} (${sample.split('/').at(-1)})`, file, xml, schema });
      }
    }
    for (const schema of new Set(cases.map((c) => c.schema))) {
      const batch = cases.filter((c) => c.schema === schema);
      const run = spawnSync(XMLLINT.command, ['--noout', '--nonet', '--schema', schema, ...batch.map((c) => c.file)], { encoding: 'utf8', maxBuffer: 1 << 26 });
      for (const c of batch) {
        const valid = run.stderr.includes(`${c.file} validates`);
        // Neither verdict means xmllint did not read the file as meant: a broken mutation.
        if (!valid && !run.stderr.includes(`${c.file} fails to validate`)) throw new Error(`no xmllint verdict for ${c.name}`);
        xmllintValid.set(c.file, valid);
      }
    }
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Shared 2-core machines: ~500 documents through both validators can take a while.
  it('on every mutated corpus sample', { timeout: 180_000 }, () => {
    expect(cases.length).toBe(SUBJECTS.length * Object.keys(MUTATIONS).length);
    const disagreements: string[] = [];
    for (const c of cases) {
      const findings = validateDocument(Buffer.from(c.xml), 'wco-xml').findings.filter((f) => f.code.startsWith('xsd.'));
      const ours = findings.length === 0;
      if (ours !== xmllintValid.get(c.file)) {
        const lint = spawnSync(XMLLINT.command, ['--noout', '--nonet', '--schema', c.schema, c.file], { encoding: 'utf8' }).stderr;
        disagreements.push(`${c.name}: swgate ${ours ? 'valid' : `invalid (${findings[0]?.message})`}, xmllint ${lint.trim().split('\n')[0]}`);
      }
    }
    expect(disagreements).toEqual([]);
    // Both verdicts occur often, so agreement is not agreement on "everything passes".
    const valid = [...xmllintValid.values()].filter(Boolean).length;
    expect(valid).toBeGreaterThan(50);
    expect(cases.length - valid).toBeGreaterThan(50);
  });
});
