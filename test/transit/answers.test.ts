import { describe, expect, it } from 'vitest';
import * as answers from '../../src/transit/answers.js';
import { readArrival, readDeparture, readHeader, readInvalidationRequest, readPresentation, readUnloadingRemarks } from '../../src/transit/read.js';
import { allocateMrn, isValidMrn } from '../../src/transit/references.js';
import { type TransitFinding, validateCtcMessage } from '../../src/transit/validate.js';
import { XMLLINT, toolsPresent } from '../support/tools.js';
import { PACK_MESSAGES, fillTemplate, xmllintVerdicts } from './test-pack.js';

const pack = (suffix: string) => validateCtcMessage(fillTemplate(PACK_MESSAGES.find((m) => m.name.endsWith(suffix))!.template, { lrn: 'LRNTEST0001' }));

describe('reading the facts a movement needs', () => {
  it('reads a standard departure (CC015C)', () => {
    const facts = readDeparture(pack('dngb12_ie015_xml_example.xml').document);
    expect(facts).toMatchObject({
      lrn: 'LRNTEST0001',
      declarationType: 'T1',
      additionalDeclarationType: 'A',
      security: '0',
      officeOfDeparture: { referenceNumber: 'GB000246', country: 'GB' },
      officeOfDestination: { referenceNumber: 'XI000142', country: 'XI' },
      officesOfTransit: [{ referenceNumber: 'XI000142', country: 'XI' }],
      officesOfExit: [],
      holder: { identificationNumber: 'GB953574106000' },
      guarantees: [{ type: '1', references: [{ grn: '24GB0000010000031', accessCode: 'AC01', amountToBeCovered: '1000.000000', currency: 'GBP' }] }],
      countryOfDispatch: 'GB',
      countryOfDestination: 'XI',
      houseConsignmentCount: 2,
      consignmentItemCount: 4,
    });
    expect(facts.header).toMatchObject({ messageSender: '9999912345', messageRecipient: 'NTA.GB', messageType: 'CC015C' });
    expect(facts.mrn).toBeUndefined();
  });

  it('reads a pre-lodged declaration (D), a simplified one with its authorisations and limit date', () => {
    expect(readDeparture(pack('pngb5_ie015_xml_example.xml').document).additionalDeclarationType).toBe('D');
    const simplified = readDeparture(pack('asgb6_ie015_xml_example.xml').document);
    expect(simplified.authorisations).toContainEqual({ type: 'C521', referenceNumber: 'XIAUTHDEP02' });
    expect(simplified.limitDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(simplified.authorisedLocation).toBe('XI DEP BT1 3ET');
  });

  it('reads an arrival (CC007C), unloading remarks (CC044C) and a presentation notification (CC170C)', () => {
    expect(readArrival(pack('asgb6_ie007_xml_example.xml').document)).toMatchObject({
      mrn: '24XI000081BPQF9GJ3',
      simplifiedProcedure: true,
      incidentFlag: false,
      officeOfDestination: { referenceNumber: 'GB000246', country: 'GB' },
      traderAtDestination: 'GB953574106000',
      authorisations: [{ type: 'C522', referenceNumber: 'GBAUTHDES01' }],
    });
    expect(readUnloadingRemarks(pack('asgb6_ie044_xml_example.xml').document)).toMatchObject({
      mrn: '24XI000081BPQF9GJ3',
      conform: true,
      unloadingCompletion: true,
      stateOfSeals: '1',
    });
    expect(readPresentation(pack('pngb5_ie170_xml_example.xml').document)).toMatchObject({
      lrn: 'LRNTEST0001',
      officeOfDeparture: { referenceNumber: 'GB000246' },
    });
  });

  it('reads the header every message starts with', () => {
    const answer = validateCtcMessage(
      answers.positiveAcknowledgement(
        { lrn: 'L1', officeOfDeparture: { referenceNumber: 'XI000081', country: 'XI' }, holder: {} },
        { messageRecipient: 'T1', correlationIdentifier: 'C1' },
      ),
    );
    expect(readHeader(answer.document)).toMatchObject({ messageSender: 'NTA.XI', messageRecipient: 'T1', messageType: 'CC928C', correlationIdentifier: 'C1' });
    expect(readHeader(answer.document).messageIdentification).toMatch(/^[0-9A-Z]{14}$/);
  });

  it('reads an invalidation request (CC014C)', () => {
    const xml = answers.invalidationDecision(
      { lrn: 'L1', officeOfDeparture: { referenceNumber: 'GB000246', country: 'GB' }, holder: { identificationNumber: 'GB953574106000' } },
      { messageRecipient: 'T' },
      { accepted: true, requestedAt: new Date() },
    );
    // A CC014C is the trader's side of the CC009C: the same blocks under another root.
    const request = xml
      .replaceAll('CC009C', 'CC014C')
      .replace(
        /<Invalidation>.*<\/Invalidation>/,
        '<Invalidation><requestDateAndTime>2026-12-06T10:00:00</requestDateAndTime><initiatedByCustoms>0</initiatedByCustoms><justification>Wrong LRN</justification></Invalidation>',
      );
    const validated = validateCtcMessage(request);
    expect(validated.findings).toEqual([]);
    expect(readInvalidationRequest(validated.document)).toMatchObject({ lrn: 'L1', justification: 'Wrong LRN', officeOfDeparture: { country: 'GB' } });
  });
});

describe('the customs answers', () => {
  const departures = PACK_MESSAGES.filter((m) => m.ie === 'ie015').map((m) => validateCtcMessage(fillTemplate(m.template)));
  const at = new Date('2026-12-06T10:11:12Z');
  const built = new Map<string, string[]>();
  const add = (xml: string) => {
    const type = /<ncts:(CC\d{3}C)/.exec(xml)![1]!;
    built.set(type, [...(built.get(type) ?? []), xml]);
    return xml;
  };
  const finding: TransitFinding = {
    severity: 'error',
    code: 'transit.schema.value',
    message: 'm',
    path: '/CC015C/TransitOperation/LRN',
    errorPointer: '/CC015C/TransitOperation/LRN',
    errorCode: '12',
    originalAttributeValue: `line\nbreak ${'x'.repeat(600)}`,
  };
  for (const { document } of departures) {
    const d = readDeparture(document);
    const mrn = allocateMrn({ country: d.officeOfDeparture.country, security: d.security as '0', at });
    const movement = { lrn: d.lrn!, mrn, officeOfDeparture: d.officeOfDeparture, holder: d.holder };
    const envelope = { messageRecipient: d.header.messageSender, correlationIdentifier: d.header.messageIdentification, at };
    const destination = { mrn, officeOfDestination: d.officeOfDestination, traderAtDestination: 'GB953574106000' };
    add(answers.positiveAcknowledgement(movement, envelope));
    add(answers.mrnAllocated(movement, envelope, at));
    add(answers.releaseForTransit(document, { mrn, acceptedAt: at }, envelope));
    add(answers.controlDecision(movement, envelope));
    add(answers.rejection(movement, envelope, 'CC015C', [finding, { ...finding, errorPointer: `/${'x'.repeat(600)}`, errorReason: 'R0850' }]));
    add(answers.noRelease(movement, envelope, { code: 'G1', text: 'Guarantee not valid', submittedAt: at }));
    add(
      answers.guaranteeNotValid(
        movement,
        envelope,
        [
          { grn: '24GB0000010000031', code: 'G09', text: 'balance' },
          { grn: '24GB0000010000031', code: 'G02' },
        ],
        at,
      ),
    );
    add(answers.amendmentAcceptance(movement, envelope, at));
    add(answers.invalidationDecision(movement, envelope, { accepted: false, requestedAt: at, justification: 'too late\r\n' }));
    add(answers.writeOffNotification(movement, envelope));
    add(answers.goodsRelease(destination, envelope));
    add(answers.destinationRejection(destination, envelope, 'CC044C', [{ ...finding, errorPointer: '/CC044C/UnloadingRemark/unloadingDate' }]));
    add(answers.unloadingPermission(document, { ...destination, acceptedAt: at }, envelope));
    add(answers.anticipatedArrivalRecord(document, { mrn, acceptedAt: at }, { messageRecipient: 'NTA.XI', at }));
  }

  it('builds every answer type for every departure of the test pack', () => {
    expect([...built.keys()].sort()).toEqual([
      'CC004C',
      'CC009C',
      'CC025C',
      'CC028C',
      'CC029C',
      'CC043C',
      'CC045C',
      'CC051C',
      'CC055C',
      'CC056C',
      'CC057C',
      'CC060C',
      'CC928C',
    ]);
  });

  it('each answer is valid by our validator', () => {
    for (const xmls of built.values()) for (const xml of xmls) expect(validateCtcMessage(xml).findings).toEqual([]);
  });

  it.runIf(toolsPresent(XMLLINT))('each answer is valid by xmllint', () => {
    for (const [type, xmls] of built) expect(xmllintVerdicts(type, xmls), type).toEqual(xmls.map(() => true));
  });

  it('gives each answer its own message identification and the time it was made', () => {
    const all = [...built.values()].flat();
    const ids = all.map((xml) => /<messageIdentification>([^<]*)/.exec(xml)![1]);
    expect(new Set(ids).size).toBe(all.length);
    for (const xml of all) expect(xml).toContain('<preparationDateAndTime>2026-12-06T10:11:12</preparationDateAndTime>');
  });

  it('CC029C carries the declaration with the MRN and dates; the AAR goes to the partner', () => {
    const release = validateCtcMessage(built.get('CC029C')![0]!).document;
    const facts = readDeparture(release);
    const declared = readDeparture(departures[0]!.document);
    expect(isValidMrn(facts.mrn!)).toBe(true);
    expect(facts).toMatchObject({
      lrn: declared.lrn,
      officeOfDeparture: declared.officeOfDeparture,
      officeOfDestination: declared.officeOfDestination,
      guarantees: declared.guarantees,
    });
    expect(facts.consignmentItemCount).toBe(declared.consignmentItemCount);
    expect(built.get('CC029C')![0]).toContain('<releaseDate>2026-12-06</releaseDate>');
    expect(built.get('CC029C')![1]).toContain('<messageRecipient>NTA.XI</messageRecipient>');
  });

  it('CC056C carries each finding as a FunctionalError, texts cut to what the schema takes', () => {
    const xml = built.get('CC056C')![0]!;
    expect(xml).toContain('<errorPointer>/CC015C/TransitOperation/LRN</errorPointer><errorCode>12</errorCode><errorReason>XSD</errorReason>');
    expect(xml).toContain('<errorReason>R0850</errorReason>');
    expect(xml).toContain('<businessRejectionType>015</businessRejectionType>');
    expect(xml).not.toMatch(/<originalAttributeValue>[^<]*\n/);
  });

  it('escapes what it carries: markup in a value stays text', () => {
    const d = readDeparture(departures[0]!.document);
    const xml = answers.positiveAcknowledgement(
      { lrn: 'A<B>&C', officeOfDeparture: d.officeOfDeparture, holder: { name: '</name><evil/>' } },
      { messageRecipient: '"x"' },
    );
    expect(xml).toContain('<LRN>A&lt;B&gt;&amp;C</LRN>');
    expect(validateCtcMessage(xml).findings).toEqual([]);
    expect(xml).not.toContain('<evil/>');
    expect(xml).toContain('<messageRecipient>"x"</messageRecipient>');
  });
});
