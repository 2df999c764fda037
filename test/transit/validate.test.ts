import { describe, expect, it } from 'vitest';
import { RejectionError } from '../../src/findings.js';
import type { XmlElement } from '../../src/documents/xml/tree.js';
import { transitFinding, validateCtcMessage } from '../../src/transit/validate.js';
import { serialise } from '../../src/transit/xml-write.js';
import { XMLLINT, toolsPresent } from '../support/tools.js';
import { PACK_MESSAGES, fillTemplate, xmllintVerdicts } from './test-pack.js';

const filled = PACK_MESSAGES.map((m) => ({ ...m, xml: fillTemplate(m.template) }));
const departure = filled.find((m) => m.name.endsWith('dngb12_ie015_xml_example.xml'))!.xml;

function refusal(run: () => unknown): RejectionError {
  try {
    run();
  } catch (error) {
    if (error instanceof RejectionError) return error;
    throw error;
  }
  throw new Error('expected a RejectionError');
}

describe('validateCtcMessage on the trader test pack', () => {
  it.each(filled.map((m) => [m.name, m] as const))('%s is valid', (_name, m) => {
    const result = validateCtcMessage(m.xml);
    expect(result.findings).toEqual([]);
    expect(result.type).toBe(`CC${m.ie.slice(2)}C`);
  });

  it.runIf(toolsPresent(XMLLINT))('xmllint agrees that every filled message is valid', () => {
    for (const type of new Set(filled.map((m) => `CC${m.ie.slice(2)}C`))) {
      const ofType = filled.filter((m) => `CC${m.ie.slice(2)}C` === type);
      expect(
        xmllintVerdicts(
          type,
          ofType.map((m) => m.xml),
        ),
      ).toEqual(ofType.map(() => true));
    }
  });

  it('the header must name the message it heads (beyond the XSD, which takes any type there)', () => {
    const other = departure.replace('<messageType>CC015C</messageType>', '<messageType>CC013C</messageType>');
    expect(validateCtcMessage(other).findings).toMatchObject([{ errorPointer: '/CC015C/messageType', errorCode: '12', code: 'transit.message-type' }]);
  });

  it('makes findings of the same shape for what the schema cannot say (a message out of sequence)', () => {
    expect(
      transitFinding('transit.state', '92', '/CC013C', 'the movement is released: it can no longer be amended', {
        errorReason: 'R0001',
        originalAttributeValue: 'x'.repeat(600),
      }),
    ).toEqual({
      severity: 'error',
      code: 'transit.state',
      message: '/CC013C: the movement is released: it can no longer be amended',
      path: '/CC013C',
      errorPointer: '/CC013C',
      errorCode: '92',
      errorReason: 'R0001',
      originalAttributeValue: 'x'.repeat(512),
    });
  });

  it('a placeholder left unfilled is a format error (12) at its element', () => {
    const result = validateCtcMessage(PACK_MESSAGES.find((m) => m.name.endsWith('dngb12_ie015_xml_example.xml'))!.template);
    expect(result.findings.map((f) => [f.errorPointer, f.errorCode])).toEqual([
      ['/CC015C/preparationDateAndTime', '12'],
      ['/CC015C/CustomsOfficeOfTransitDeclared/arrivalDateAndTimeEstimated', '12'],
    ]);
    expect(result.findings[0]).toMatchObject({
      originalAttributeValue: '{{preparationDateAndTime}}',
      path: '/CC015C/preparationDateAndTime',
      xpath: '/ncts:CC015C/preparationDateAndTime[1]',
    });
  });
});

// ---- Mutants: one mutation per element of every test-pack message, its kind rotating. ----

type Mutation = 'remove' | 'duplicate' | 'empty' | 'long' | 'junk' | 'rename' | 'insert';
const MUTATIONS: Mutation[] = ['remove', 'duplicate', 'empty', 'long', 'junk', 'rename', 'insert'];

interface Mutant {
  type: string;
  xml: string;
  /** Where the error is, when the mutant is invalid. */
  pointer: string;
  what: string;
}

function clone(e: XmlElement): XmlElement {
  return { ...e, attrs: [...e.attrs], children: e.children.map((c) => (typeof c === 'string' ? c : clone(c))) };
}

function mutants(xml: string): Mutant[] {
  const root = validateCtcMessage(xml).document;
  const type = root.name;
  const out: Mutant[] = [];
  let n = 0;
  // Each mutant is made on a fresh copy, reached again by child indexes.
  const walk = (el: XmlElement, indexes: number[], pointer: string) => {
    el.children.forEach((child, index) => {
      if (typeof child === 'string') return;
      const here = `${pointer}/${child.name}`;
      const isLeaf = child.children.every((c) => typeof c === 'string');
      const kinds = MUTATIONS.filter((k) => (isLeaf ? k !== 'insert' : !['empty', 'long', 'junk'].includes(k)));
      const kind = kinds[n++ % kinds.length]!;
      const copy = clone(root);
      let parent = copy;
      for (const i of indexes) parent = parent.children[i] as XmlElement;
      const target = parent.children[index] as XmlElement;
      let expected = here;
      switch (kind) {
        case 'remove':
          parent.children.splice(index, 1);
          break;
        case 'duplicate':
          parent.children.splice(index, 0, clone(target));
          break;
        case 'empty':
          target.children = [];
          break;
        case 'long':
          target.children = ['A'.repeat(600)];
          break;
        case 'junk':
          target.children = ['<&>"\u00e9 x\u0001'.replace('\u0001', '?')];
          break;
        case 'rename':
          target.name = `${target.name}X`;
          expected = `${pointer}/${target.name}`;
          break;
        case 'insert':
          target.children.unshift({ ns: '', name: 'Bogus', prefix: '', attrs: [], children: ['1'], line: 0, hasComments: false });
          expected = `${here}/Bogus`;
          break;
      }
      out.push({ type, xml: serialise(copy), pointer: expected, what: `${kind} ${here}` });
      if (!isLeaf) walk(child, [...indexes, index], here);
    });
  };
  walk(root, [], `/${type}`);
  return out;
}

describe.runIf(toolsPresent(XMLLINT))('validateCtcMessage against xmllint on mutants', () => {
  const all = filled.flatMap((m) => mutants(m.xml));

  it(`agrees with xmllint on every one of ${all.length} mutants, and points at the mutated element`, () => {
    expect(all.length).toBeGreaterThan(2000);
    const disagreements: string[] = [];
    const wrongPointers: string[] = [];
    let refused = 0;
    for (const type of new Set(all.map((m) => m.type))) {
      const ofType = all.filter((m) => m.type === type);
      const reference = xmllintVerdicts(
        type,
        ofType.map((m) => m.xml),
      );
      ofType.forEach((m, i) => {
        const findings = validateCtcMessage(m.xml).findings;
        const valid = findings.length === 0;
        if (valid !== reference[i])
          disagreements.push(`${m.what}: xmllint ${reference[i] ? 'valid' : 'invalid'}, ours ${findings.map((f) => f.message).join('; ') || 'valid'}`);
        if (!valid) {
          refused++;
          if (findings[0]!.errorPointer !== m.pointer) wrongPointers.push(`${m.what}: ${findings[0]!.errorPointer} (${findings[0]!.message})`);
        }
      });
    }
    expect(disagreements).toEqual([]);
    expect(wrongPointers).toEqual([]);
    // Most mutations break the schema: the comparison is not carried by valid mutants alone.
    expect(refused).toBeGreaterThan(all.length / 2);
  });
});

describe('validateCtcMessage on hostile input', () => {
  it('refuses a DTD or an entity before reading anything (400)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">&lol2;</ncts:CC015C>`;
    const error = refusal(() => validateCtcMessage(bomb));
    expect(error.status).toBe(400);
    expect(error.findings[0]?.code).toBe('xml.doctype');
    const external = departure.replace('<messageSender>9999912345', '<messageSender>&ext;');
    expect(refusal(() => validateCtcMessage(external)).status).toBe(400);
  });

  it('refuses what is too deep (400) or too large (413)', () => {
    const deep = `<ncts:CC015C xmlns:ncts="http://ncts.dgtaxud.ec">${'<a>'.repeat(40)}${'</a>'.repeat(40)}</ncts:CC015C>`;
    expect(refusal(() => validateCtcMessage(deep)).findings[0]?.code).toBe('xml.depth');
    const large = departure.replace('<shippingMarks>GB Box to be shipped', `<shippingMarks>${'x'.repeat(9 * 1024 * 1024)}`);
    expect(refusal(() => validateCtcMessage(large)).status).toBe(413);
  });

  it('refuses a message of too many elements (413) before building its tree: 8 MB of <a/> is two million', () => {
    const many = departure.replace('<shippingMarks>', `${'<a/>'.repeat(2_000_000)}<shippingMarks>`);
    const refused = refusal(() => validateCtcMessage(Buffer.from(many)));
    expect([refused.status, refused.findings[0]?.code]).toEqual([413, 'transit.too-many-elements']);
    expect(refusal(() => validateCtcMessage(many)).status).toBe(413);
    // Up to the cap the message is read: its findings are the schema's.
    const some = departure.replace('<shippingMarks>', `${'<a/>'.repeat(1000)}<shippingMarks>`);
    expect(validateCtcMessage(some).findings[0]).toMatchObject({ code: 'transit.schema.unexpected' });
  });

  it('refuses a root that is not a CTC message, or not one this route takes (400, transit.message-type)', () => {
    for (const xml of [
      '<CC015C/>',
      '<x:CC015C xmlns:x="urn:other"/>',
      '<ncts:CC999C xmlns:ncts="http://ncts.dgtaxud.ec"/>',
      '<ncts:__proto__ xmlns:ncts="http://ncts.dgtaxud.ec"/>',
    ]) {
      const error = refusal(() => validateCtcMessage(xml));
      expect(error.status, xml).toBe(400);
      expect(['transit.message-type', 'xml.forbidden-name']).toContain(error.findings[0]?.code);
    }
    const error = refusal(() => validateCtcMessage(departure, { expect: ['CC007C'] }));
    expect(error.findings[0]).toMatchObject({ code: 'transit.message-type', path: '/CC015C' });
  });

  it('refuses children in the NCTS namespace (they are unqualified), as xmllint does', () => {
    const qualified = departure.replace(
      '<ncts:CC015C PhaseID="NCTS5.0" xmlns:ncts="http://ncts.dgtaxud.ec">',
      '<ncts:CC015C PhaseID="NCTS5.0" xmlns:ncts="http://ncts.dgtaxud.ec" xmlns="http://ncts.dgtaxud.ec">',
    );
    expect(qualified).not.toBe(departure);
    const findings = validateCtcMessage(qualified).findings;
    expect(findings[0]).toMatchObject({ errorPointer: '/CC015C/messageSender', errorCode: '15' });
    if (toolsPresent(XMLLINT)) expect(xmllintVerdicts('CC015C', [qualified])).toEqual([false]);
  });

  it('takes xsi:schemaLocation but no other attribute, as xmllint does', () => {
    const located = departure.replace(
      'PhaseID="NCTS5.0"',
      'PhaseID="NCTS5.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://ncts.dgtaxud.ec cc015c.xsd"',
    );
    const injected = departure.replace('<LRN>', '<LRN id="1">');
    const phase = departure.replace('PhaseID="NCTS5.0"', 'PhaseID="NCTS9"');
    expect(validateCtcMessage(located).findings).toEqual([]);
    expect(validateCtcMessage(injected).findings[0]).toMatchObject({ errorPointer: '/CC015C/TransitOperation/LRN/@id', errorCode: '15' });
    expect(validateCtcMessage(phase).findings[0]).toMatchObject({ errorPointer: '/CC015C/@PhaseID', errorCode: '12' });
    if (toolsPresent(XMLLINT)) expect(xmllintVerdicts('CC015C', [located, injected, phase])).toEqual([true, false, false]);
  });

  it('refuses xsi:nil, xsi:type and any other xsi attribute on a value, as on a group; only the schema location hints pass, as xmllint says', () => {
    const xsi = 'PhaseID="NCTS5.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema"';
    const onLrn = (attribute: string) => departure.replace('PhaseID="NCTS5.0"', xsi).replace('<LRN>', `<LRN ${attribute}>`);
    const refused = ['xsi:nil="true"', 'xsi:type="xs:string"', 'xsi:foo="1"'].map(onLrn);
    const located = onLrn('xsi:noNamespaceSchemaLocation="lrn.xsd"');
    for (const message of refused) {
      expect(validateCtcMessage(message).findings[0]).toMatchObject({ code: 'transit.schema.attribute', errorCode: '15' });
      expect(validateCtcMessage(message).findings[0]!.errorPointer).toMatch(/^\/CC015C\/TransitOperation\/LRN\/@(nil|type|foo)$/);
    }
    expect(validateCtcMessage(located).findings).toEqual([]);
    if (toolsPresent(XMLLINT)) expect(xmllintVerdicts('CC015C', [...refused, located])).toEqual([false, false, false, true]);
  });

  it('bounds what a hostile message makes it say: 100 findings at most, values cut to 512 characters', () => {
    const items = Array.from({ length: 500 }, (_, i) => `<Bad${i}/>`).join('');
    const many = departure.replace('<referenceNumberUCR>AB1234</referenceNumberUCR>', `<referenceNumberUCR>AB1234</referenceNumberUCR>${items}`);
    expect(validateCtcMessage(many).findings.length).toBeLessThanOrEqual(100);
    const long = departure.replace(/<LRN>[^<]*<\/LRN>/, `<LRN>${'L'.repeat(100_000)}</LRN>`);
    const [finding] = validateCtcMessage(long).findings;
    expect(finding).toMatchObject({ errorPointer: '/CC015C/TransitOperation/LRN', errorCode: '12' });
    expect(finding!.originalAttributeValue!.length).toBe(512);
    expect(finding!.message.length).toBeLessThan(200);
  });

  it('reads a decimal of a million trailing zeros in linear time (fractionDigits count value, not zeros)', () => {
    const zeros = departure.replace(/<amountToBeCovered>[^<]*/, `<amountToBeCovered>1000.${'0'.repeat(1_000_000)}`);
    expect(validateCtcMessage(zeros).findings).toEqual([]);
  });

  it('checks real calendar dates and the decimal forms, as xmllint does', () => {
    const cases = [
      departure.replace(/<preparationDateAndTime>[^<]*/, '<preparationDateAndTime>2026-02-30T10:00:00'),
      departure.replace(/<preparationDateAndTime>[^<]*/, '<preparationDateAndTime>2026-02-28T24:00:01'),
      departure.replace(/<amountToBeCovered>[^<]*/, '<amountToBeCovered>1e3'),
      departure.replace(/<amountToBeCovered>[^<]*/, '<amountToBeCovered>1000.001'),
      departure.replace(/<amountToBeCovered>[^<]*/, '<amountToBeCovered> 1000.50 '),
      departure.replace(/<preparationDateAndTime>[^<]*/, '<preparationDateAndTime>2024-02-29T23:59:59'),
    ];
    const ours = cases.map((xml) => validateCtcMessage(xml).findings.length === 0);
    expect(ours).toEqual([false, false, false, false, true, true]);
    if (toolsPresent(XMLLINT)) expect(xmllintVerdicts('CC015C', cases)).toEqual(ours);
  });
});
