/**
 * The messages customs sends back, built from the movement's data. Every builder answers the
 * XML text of one message that validates against its CTC XSD (test/transit/answers.test.ts
 * checks each with xmllint and validate.ts). Each gets a new message identification and the
 * current preparation date-time; `correlationIdentifier` links it to the trader's message.
 */
import { randomBytes } from 'node:crypto';
import type { XmlElement } from '../documents/xml/parse.js';
import { firstChild } from '../documents/xml/tree.js';
import type { OfficeFacts, PartyFacts } from './read.js';
import { ctcSchemas, type TransitFinding } from './validate.js';
import { el, leaf, messageRoot, serialise } from './xml-write.js';
import type { ComplexModel, SimpleModel } from './xsd-model.js';
import { valueProblem } from './xsd-values.js';

/** Who sends and receives an answer, and when it is made. */
export interface AnswerEnvelope {
  /** Customs: `NTA.GB` style (default: NTA. + the answering office's country). */
  messageSender?: string;
  /** The trader: the messageSender of the message answered. */
  messageRecipient: string;
  /** The messageIdentification of the message answered, when there is one. */
  correlationIdentifier?: string;
  /** Default: now. */
  at?: Date;
}

/** What the answers at departure say about the movement. */
export interface DepartureAnswerData {
  lrn?: string;
  mrn?: string;
  officeOfDeparture: OfficeFacts;
  holder: PartyFacts;
}

/** Element names under CC055C's InvalidGuaranteeReason/code (CL252). */
export type InvalidGuaranteeCode = 'G01' | 'G02' | 'G03' | 'G04' | 'G05' | 'G06' | 'G07' | 'G08' | 'G09' | 'G10' | 'G11' | 'G12' | 'G13';

export interface InvalidGuarantee {
  grn: string;
  code: InvalidGuaranteeCode;
  text?: string;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A new message identification: 14 capital letters and digits (70 random bits), as NCTS writes them. */
export function newMessageIdentification(): string {
  let id = '';
  for (const byte of randomBytes(14)) id += ALPHABET.charAt(byte % 36);
  return id;
}

/** xs:dateTime as the CTC schemas want it: no fraction, no zone (UTC). */
const ctcDateTime = (at: Date) => at.toISOString().slice(0, 19);
/** xs:date, UTC. */
const ctcDate = (at: Date) => at.toISOString().slice(0, 10);

function header(type: string, envelope: AnswerEnvelope, officeCountry: string): XmlElement[] {
  return [
    leaf('messageSender', envelope.messageSender ?? `NTA.${officeCountry}`),
    leaf('messageRecipient', envelope.messageRecipient),
    leaf('preparationDateAndTime', ctcDateTime(envelope.at ?? new Date())),
    leaf('messageIdentification', newMessageIdentification()),
    leaf('messageType', type),
    leaf('correlationIdentifier', envelope.correlationIdentifier),
  ].filter((e): e is XmlElement => e !== undefined);
}

function holder(party: PartyFacts): XmlElement {
  return el('HolderOfTheTransitProcedure', leaf('identificationNumber', party.identificationNumber), leaf('name', party.name));
}

const officeOfDeparture = (office: OfficeFacts) => el('CustomsOfficeOfDeparture', leaf('referenceNumber', office.referenceNumber));

/** The answers at departure: header, TransitOperation, [what comes before the office], office, holder, [what comes after]. */
function departureAnswer(
  type: string,
  movement: DepartureAnswerData,
  envelope: AnswerEnvelope,
  operation: Array<XmlElement | undefined>,
  around: { beforeOffice?: XmlElement; afterHolder?: XmlElement[] } = {},
): string {
  return serialise(
    messageRoot(
      type,
      ...header(type, envelope, movement.officeOfDeparture.country),
      el('TransitOperation', ...operation),
      around.beforeOffice,
      officeOfDeparture(movement.officeOfDeparture),
      holder(movement.holder),
      ...(around.afterHolder ?? []),
    ),
  );
}

/** CC928C positive acknowledgement of a departure declaration. */
export function positiveAcknowledgement(movement: DepartureAnswerData & { lrn: string }, envelope: AnswerEnvelope): string {
  return departureAnswer('CC928C', movement, envelope, [leaf('LRN', movement.lrn)]);
}

/** CC028C MRN allocated. */
export function mrnAllocated(movement: DepartureAnswerData & { lrn: string; mrn: string }, envelope: AnswerEnvelope, acceptedAt: Date): string {
  return departureAnswer('CC028C', movement, envelope, [
    leaf('LRN', movement.lrn),
    leaf('MRN', movement.mrn),
    leaf('declarationAcceptanceDate', ctcDate(acceptedAt)),
  ]);
}

/** CC060C control decision notification (notificationType 1 intention to control, 2 documents required …). */
export function controlDecision(movement: DepartureAnswerData, envelope: AnswerEnvelope, notificationType = '1'): string {
  const at = envelope.at ?? new Date();
  return departureAnswer('CC060C', movement, envelope, [
    leaf('LRN', movement.lrn),
    leaf('MRN', movement.mrn),
    leaf('controlNotificationDateAndTime', ctcDateTime(at)),
    leaf('notificationType', notificationType),
  ]);
}

const BUSINESS_REJECTION_TYPES = { CC013C: '013', CC014C: '014', CC015C: '015', CC170C: '170' } as const;
// CC056C holds at most 9999 functional errors; a finding's texts are cut to what the schema takes.
const MAX_FUNCTIONAL_ERRORS = 9999;

/** A value the schema's `.{1,n}` takes: no line breaks (`.` excludes them), at most n characters. */
function oneLine(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const flat = [...value.replace(/[\r\n]+/g, ' ')].slice(0, max).join('');
  return flat === '' ? undefined : flat;
}

/**
 * CC056C rejection from the office of departure, one FunctionalError per finding (at most the
 * schema's 9999). `rejectedType` is the message rejected (businessRejectionType: 015, 013, 014,
 * 170); rejectionCode 12 is "message with functional errors" (CL226).
 */
export function rejection(
  movement: DepartureAnswerData,
  envelope: AnswerEnvelope,
  rejectedType: keyof typeof BUSINESS_REJECTION_TYPES,
  findings: readonly TransitFinding[],
  rejectionCode = '12',
): string {
  const at = envelope.at ?? new Date();
  const errors = functionalErrors(findings);
  return departureAnswer(
    'CC056C',
    movement,
    envelope,
    [
      leaf('LRN', movement.lrn),
      leaf('MRN', movement.mrn),
      leaf('businessRejectionType', BUSINESS_REJECTION_TYPES[rejectedType]),
      leaf('rejectionDateAndTime', ctcDateTime(at)),
      leaf('rejectionCode', rejectionCode),
    ],
    { afterHolder: errors },
  );
}

/** CC056C's and CC057C's FunctionalErrors: one per finding, texts within the schema's lengths. */
function functionalErrors(findings: readonly TransitFinding[]): XmlElement[] {
  return findings
    .slice(0, MAX_FUNCTIONAL_ERRORS)
    .map((f) =>
      el(
        'FunctionalError',
        leaf('errorPointer', oneLine(f.errorPointer, 512) ?? '/'),
        leaf('errorCode', f.errorCode),
        leaf('errorReason', oneLine(f.errorReason, 7) ?? 'XSD'),
        leaf('originalAttributeValue', oneLine(f.originalAttributeValue, 512)),
      ),
    );
}

/** CC051C no release for transit. */
export function noRelease(
  movement: DepartureAnswerData & { mrn: string },
  envelope: AnswerEnvelope,
  reason: { code: string; text: string; submittedAt: Date },
): string {
  return departureAnswer('CC051C', movement, envelope, [
    leaf('MRN', movement.mrn),
    leaf('declarationSubmissionDateAndTime', ctcDateTime(reason.submittedAt)),
    leaf('noReleaseMotivationCode', reason.code),
    leaf('noReleaseMotivationText', oneLine(reason.text, 512) ?? '---'),
  ]);
}

/** CC055C guarantee not valid: every refused GRN with its reason codes. */
export function guaranteeNotValid(
  movement: DepartureAnswerData & { mrn: string },
  envelope: AnswerEnvelope,
  invalid: readonly InvalidGuarantee[],
  acceptedAt: Date,
): string {
  const byGrn = new Map<string, InvalidGuarantee[]>();
  for (const i of invalid) byGrn.set(i.grn, [...(byGrn.get(i.grn) ?? []), i]);
  const references = [...byGrn]
    .slice(0, 99)
    .map(([grn, reasons], n) =>
      el(
        'GuaranteeReference',
        leaf('sequenceNumber', String(n + 1)),
        leaf('GRN', grn),
        ...reasons
          .slice(0, 9)
          .map((r, m) => el('InvalidGuaranteeReason', leaf('sequenceNumber', String(m + 1)), leaf('code', r.code), leaf('text', oneLine(r.text, 512)))),
      ),
    );
  return serialise(
    messageRoot(
      'CC055C',
      ...header('CC055C', envelope, movement.officeOfDeparture.country),
      el('TransitOperation', leaf('MRN', movement.mrn), leaf('declarationAcceptanceDate', ctcDate(acceptedAt))),
      officeOfDeparture(movement.officeOfDeparture),
      holder(movement.holder),
      ...references,
    ),
  );
}

/** CC004C amendment acceptance. */
export function amendmentAcceptance(movement: DepartureAnswerData, envelope: AnswerEnvelope, submittedAt: Date): string {
  return departureAnswer('CC004C', movement, envelope, [
    leaf('LRN', movement.lrn),
    leaf('MRN', movement.mrn),
    leaf('amendmentSubmissionDateAndTime', ctcDateTime(submittedAt)),
    leaf('amendmentAcceptanceDateAndTime', ctcDateTime(envelope.at ?? new Date())),
  ]);
}

/** CC009C invalidation decision: the request (CC014C) accepted or not. */
export function invalidationDecision(
  movement: DepartureAnswerData,
  envelope: AnswerEnvelope,
  decision: { accepted: boolean; requestedAt: Date; justification?: string },
): string {
  const at = envelope.at ?? new Date();
  const invalidation = el(
    'Invalidation',
    leaf('requestDateAndTime', ctcDateTime(decision.requestedAt)),
    leaf('decisionDateAndTime', ctcDateTime(at)),
    leaf('decision', decision.accepted ? '1' : '0'),
    leaf('initiatedByCustoms', '0'),
    leaf('justification', oneLine(decision.justification, 512)),
  );
  return departureAnswer('CC009C', movement, envelope, [leaf('LRN', movement.lrn), leaf('MRN', movement.mrn)], { beforeOffice: invalidation });
}

/** CC045C write-off notification, to the holder at departure. */
export function writeOffNotification(movement: DepartureAnswerData & { mrn: string }, envelope: AnswerEnvelope): string {
  return departureAnswer('CC045C', movement, envelope, [leaf('MRN', movement.mrn), leaf('writeOffDate', ctcDate(envelope.at ?? new Date()))]);
}

/** What the answers at destination say about the movement. */
export interface DestinationAnswerData {
  mrn: string;
  officeOfDestination: OfficeFacts;
  traderAtDestination: string;
}

const DESTINATION_REJECTION_TYPES = { CC007C: '007', CC044C: '044' } as const;

/** CC057C rejection from the office of destination: an arrival notification or unloading remarks refused, one FunctionalError per finding. */
export function destinationRejection(
  movement: DestinationAnswerData,
  envelope: AnswerEnvelope,
  rejectedType: keyof typeof DESTINATION_REJECTION_TYPES,
  findings: readonly TransitFinding[],
  rejectionCode = '12',
): string {
  return serialise(
    messageRoot(
      'CC057C',
      ...header('CC057C', envelope, movement.officeOfDestination.country),
      el(
        'TransitOperation',
        leaf('MRN', movement.mrn),
        leaf('businessRejectionType', DESTINATION_REJECTION_TYPES[rejectedType]),
        leaf('rejectionDateAndTime', ctcDateTime(envelope.at ?? new Date())),
        leaf('rejectionCode', rejectionCode),
      ),
      el('CustomsOfficeOfDestinationActual', leaf('referenceNumber', movement.officeOfDestination.referenceNumber)),
      el('TraderAtDestination', leaf('identificationNumber', movement.traderAtDestination)),
      ...functionalErrors(findings),
    ),
  );
}

/** CC025C goods release notification (releaseIndicator 1: released as presented). */
export function goodsRelease(movement: DestinationAnswerData, envelope: AnswerEnvelope, releaseIndicator = '1'): string {
  return serialise(
    messageRoot(
      'CC025C',
      ...header('CC025C', envelope, movement.officeOfDestination.country),
      el('TransitOperation', leaf('MRN', movement.mrn), leaf('releaseDate', ctcDate(envelope.at ?? new Date())), leaf('releaseIndicator', releaseIndicator)),
      el('CustomsOfficeOfDestinationActual', leaf('referenceNumber', movement.officeOfDestination.referenceNumber)),
      el('TraderAtDestination', leaf('identificationNumber', movement.traderAtDestination)),
    ),
  );
}

/**
 * CC029C release for transit: the declaration (CC015C, or its last CC013C) carried over with
 * the MRN, acceptance and release dates; what the release needs and the declaration did not say
 * is shown as NCTS shows it ("---" for a name or street, 0 for a flag).
 */
export function releaseForTransit(declaration: XmlElement, movement: { mrn: string; acceptedAt: Date; releasedAt?: Date }, envelope: AnswerEnvelope): string {
  const country = departureCountry(declaration);
  return projectedMessage('CC029C', declaration, envelope, country, {
    'TransitOperation/MRN': movement.mrn,
    'TransitOperation/declarationAcceptanceDate': ctcDate(movement.acceptedAt),
    'TransitOperation/releaseDate': ctcDate(movement.releasedAt ?? envelope.at ?? new Date()),
  });
}

/** CC043C unloading permission for an authorised consignee: the declaration's data for the unloading. */
export function unloadingPermission(declaration: XmlElement, movement: DestinationAnswerData & { acceptedAt: Date }, envelope: AnswerEnvelope): string {
  return projectedMessage('CC043C', declaration, envelope, movement.officeOfDestination.country, {
    'TransitOperation/MRN': movement.mrn,
    'TransitOperation/declarationAcceptanceDate': ctcDate(movement.acceptedAt),
    'CustomsOfficeOfDestinationActual/referenceNumber': movement.officeOfDestination.referenceNumber,
    'TraderAtDestination/identificationNumber': movement.traderAtDestination,
  });
}

/**
 * The anticipated arrival record for a partner office of destination or transit. NCTS's IE001
 * travels on the common domain and has no published XSD; the partner gets the data set of the
 * release for transit (the CC029C shape, the same facts IE001 carries), addressed to it.
 */
export function anticipatedArrivalRecord(
  declaration: XmlElement,
  movement: { mrn: string; acceptedAt: Date; releasedAt?: Date },
  partner: { messageRecipient: string; messageSender?: string; at?: Date },
): string {
  return releaseForTransit(declaration, movement, partner);
}

function departureCountry(declaration: XmlElement): string {
  const office = firstChild(declaration, '', 'CustomsOfficeOfDeparture');
  const reference = office ? firstChild(office, '', 'referenceNumber') : undefined;
  const text = reference?.children.find((c) => typeof c === 'string');
  return typeof text === 'string' ? text.trim().slice(0, 2) : 'XX';
}

const HEADER_NAMES = new Set(['messageSender', 'messageRecipient', 'preparationDateAndTime', 'messageIdentification', 'messageType', 'correlationIdentifier']);

function projectedMessage(type: string, source: XmlElement, envelope: AnswerEnvelope, officeCountry: string, overrides: Record<string, string>): string {
  const model = ctcSchemas().root(type);
  if (!model) throw new Error(`No schema declares ${type}`);
  const at = envelope.at ?? new Date();
  const projected = project(source, model, '', new Map(Object.entries(overrides)), { at, country: officeCountry }).filter((e) => !HEADER_NAMES.has(e.name));
  return serialise(messageRoot(type, ...header(type, envelope, officeCountry), ...projected));
}

/**
 * The source element's content carried onto the target type: elements of the same name in the
 * target's order, as many as it takes; values the target's type refuses dropped (or replaced
 * when required); required elements the source lacks filled (placeholderFor). `overrides` sets
 * leaves by path ("TransitOperation/MRN").
 */
function project(source: XmlElement | undefined, target: ComplexModel, prefix: string, overrides: Map<string, string>, fill: Fill): XmlElement[] {
  const out: XmlElement[] = [];
  for (const particle of target.elements) {
    const path = `${prefix}${particle.name}`;
    const sources = source
      ? source.children.filter((c): c is XmlElement => typeof c !== 'string' && c.ns === '' && c.name === particle.name).slice(0, particle.max)
      : [];
    if (particle.type.kind === 'simple') {
      const override = overrides.get(path);
      if (override !== undefined) {
        out.push(leafOf(particle.name, override));
        continue;
      }
      const type = particle.type;
      const values = sources.map(textContent).filter((v) => valueProblem(v, type) === null);
      while (values.length < particle.min) values.push(placeholderFor(type, fill));
      for (const v of values) out.push(leafOf(particle.name, v));
    } else {
      const type = particle.type;
      const needed = particle.min > 0 || [...overrides.keys()].some((k) => k.startsWith(`${path}/`));
      const froms: Array<XmlElement | undefined> = sources.length > 0 ? sources : needed ? [undefined] : [];
      for (const from of froms) out.push(el(particle.name, ...project(from, type, `${path}/`, overrides, fill)));
    }
  }
  return out;
}

const leafOf = (name: string, value: string): XmlElement => leaf(name, value) as XmlElement;

function textContent(e: XmlElement): string {
  return e.children.filter((c): c is string => typeof c === 'string').join('');
}

/** What placeholders are made of: the time of the answer, the answering office's country. */
interface Fill {
  at: Date;
  country: string;
}

/** A value for a required element the source did not give: what NCTS writes for an unknown ("---", 0, a date). */
function placeholderFor(type: SimpleModel, { at, country }: Fill): string {
  const candidates = ['---', '0', '1', ctcDate(at), ctcDateTime(at), country, ...(type.enumeration ?? []).slice(0, 1)];
  const fit = candidates.find((c) => valueProblem(c, type) === null);
  if (fit === undefined) throw new Error(`No placeholder fits the simple type ${type.name}`);
  return fit;
}
