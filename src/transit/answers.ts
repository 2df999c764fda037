/**
 * The messages customs sends back, built from the movement's data. Every builder answers the
 * XML text of one message that validates against its CTC XSD (test/transit/answers.test.ts
 * checks each with xmllint and validate.ts). Each gets a new message identification and the
 * current preparation date-time; `correlationIdentifier` links it to the trader's message.
 */
import type { XmlElement } from '../documents/xml/parse.js';
import type { OfficeFacts, PartyFacts } from './read.js';
import type { TransitFinding } from './validate.js';

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

/** A new message identification: 14 capital letters and digits, unique enough to never repeat. */
export function newMessageIdentification(): string {
  throw new Error('not implemented yet');
}

/** CC928C positive acknowledgement of a departure declaration. */
export function positiveAcknowledgement(movement: DepartureAnswerData, envelope: AnswerEnvelope): string {
  void movement;
  void envelope;
  throw new Error('not implemented yet');
}

/** CC028C MRN allocated. */
export function mrnAllocated(movement: DepartureAnswerData & { mrn: string }, envelope: AnswerEnvelope): string {
  void movement;
  void envelope;
  throw new Error('not implemented yet');
}

/**
 * CC029C release for transit: the declaration (CC015C, or its last CC013C) carried over with
 * the MRN, acceptance and release dates; missing party details shown as NCTS shows them ("---").
 */
export function releaseForTransit(declaration: XmlElement, movement: { mrn: string; acceptedAt: Date; releasedAt?: Date }, envelope: AnswerEnvelope): string {
  void declaration;
  void movement;
  void envelope;
  throw new Error('not implemented yet');
}

/** CC060C control decision notification (notificationType 1 intention to control, 2 documents required …). */
export function controlDecision(movement: DepartureAnswerData, envelope: AnswerEnvelope, notificationType?: string): string {
  void movement;
  void envelope;
  void notificationType;
  throw new Error('not implemented yet');
}

/**
 * CC056C rejection from the office of departure, one FunctionalError per finding (at most the
 * schema's 999). `rejectedType` is the message rejected (businessRejectionType: 015, 013, 014, 170).
 */
export function rejection(movement: DepartureAnswerData, envelope: AnswerEnvelope, rejectedType: 'CC013C' | 'CC014C' | 'CC015C' | 'CC170C', findings: readonly TransitFinding[]): string {
  void movement;
  void envelope;
  void rejectedType;
  void findings;
  throw new Error('not implemented yet');
}

/** CC051C no release for transit. */
export function noRelease(movement: DepartureAnswerData & { mrn: string }, envelope: AnswerEnvelope, reason: { code: string; text?: string; submittedAt: Date }): string {
  void movement;
  void envelope;
  void reason;
  throw new Error('not implemented yet');
}

/** CC055C guarantee not valid. */
export function guaranteeNotValid(movement: DepartureAnswerData & { mrn: string }, envelope: AnswerEnvelope, invalid: readonly InvalidGuarantee[], acceptedAt: Date): string {
  void movement;
  void envelope;
  void invalid;
  void acceptedAt;
  throw new Error('not implemented yet');
}

/** CC004C amendment acceptance. */
export function amendmentAcceptance(movement: DepartureAnswerData, envelope: AnswerEnvelope, submittedAt: Date): string {
  void movement;
  void envelope;
  void submittedAt;
  throw new Error('not implemented yet');
}

/** CC009C invalidation decision (decision: accepted or not). */
export function invalidationDecision(movement: DepartureAnswerData, envelope: AnswerEnvelope, decision: { accepted: boolean; requestedAt: Date; justification?: string }): string {
  void movement;
  void envelope;
  void decision;
  throw new Error('not implemented yet');
}

/** What the answers at destination say about the movement. */
export interface DestinationAnswerData {
  mrn: string;
  officeOfDestination: OfficeFacts;
  traderAtDestination: string;
}

/** CC025C goods release notification (releaseIndicator 1: released). */
export function goodsRelease(movement: DestinationAnswerData, envelope: AnswerEnvelope, releaseIndicator?: string): string {
  void movement;
  void envelope;
  void releaseIndicator;
  throw new Error('not implemented yet');
}

/** CC043C unloading permission for an authorised consignee: the declaration's data for the unloading. */
export function unloadingPermission(declaration: XmlElement, movement: DestinationAnswerData & { acceptedAt: Date }, envelope: AnswerEnvelope): string {
  void declaration;
  void movement;
  void envelope;
  throw new Error('not implemented yet');
}

/** CC045C write-off notification, to the holder at departure. */
export function writeOffNotification(movement: DepartureAnswerData & { mrn: string }, envelope: AnswerEnvelope): string {
  void movement;
  void envelope;
  throw new Error('not implemented yet');
}

/**
 * The anticipated arrival record for a partner office of destination or transit. NCTS's IE001
 * travels on the common domain and has no published XSD; the partner gets the data set of the
 * release for transit (the CC029C shape, the same facts IE001 carries), addressed to it.
 */
export function anticipatedArrivalRecord(declaration: XmlElement, movement: { mrn: string; acceptedAt: Date; releasedAt?: Date }, partner: { messageRecipient: string; messageSender?: string }): string {
  void declaration;
  void movement;
  void partner;
  throw new Error('not implemented yet');
}

