/**
 * The sandbox's customs offices of departure and destination, answering a trader's transit
 * messages the way NCTS does (docs/TRANSIT.md, "Sandbox"), within two seconds, with messages
 * built by transit/answers.ts (each validated against its XSD again when it is lodged). What they
 * check is the schema, the movement's state and the guarantee; not the business rules.
 *
 * `X-Sandbox-Scenario` of the departure steers the office of departure: `default` (CC928C,
 * CC028C, CC029C), `control` (CC060C before release), `reject` (CC056C), `no-release` (CC051C),
 * `hold` (accepted and MRN allocated, then nothing until customs acts). A pre-lodged declaration
 * (D) waits for its CC170C before CC028C.
 */
import type { XmlElement } from '../documents/xml/parse.js';
import {
  type AnswerEnvelope,
  amendmentAcceptance,
  anticipatedArrivalRecord,
  controlDecision,
  type DepartureAnswerData,
  type DestinationAnswerData,
  goodsRelease,
  guaranteeNotValid,
  type InvalidGuarantee,
  invalidationDecision,
  mrnAllocated,
  noRelease,
  positiveAcknowledgement,
  rejection,
  releaseForTransit,
  unloadingPermission,
  writeOffNotification,
} from '../transit/answers.js';
import type { MessageType } from '../transit/movement-state.js';
import type { MovementRow } from '../transit/movement-tables.js';
import { type ArrivalFacts, type DepartureFacts, type GuaranteeFacts, readDeparture } from '../transit/read.js';
import { allocateMrn, officeCountry, type SecurityIndicator } from '../transit/references.js';
import { transitFinding } from '../transit/validate.js';
import type { PartnerArrival } from './transit-partner.js';

export const TRANSIT_SCENARIOS = ['default', 'control', 'reject', 'no-release', 'hold'] as const;
export type TransitScenario = (typeof TRANSIT_SCENARIOS)[number];

/** One answer of customs on a movement, as the gateway lodges it. */
export interface CustomsAnswer {
  movementId: string;
  xml: string;
  direction: 'to-trader' | 'from-office';
  effects?: { mrn?: string; timeLimit?: string; partner?: string };
  guarantee?: { reserve: { officeOfDepartureCountry: string; guarantees: readonly GuaranteeFacts[] } } | { release: true };
  /** The anticipated arrival record: the partner country whose agreement routes it. */
  destinationCountry?: string;
}

export type AnswerOutcome = { ok: true; exchangeId: string } | { ok: false; refusals: InvalidGuarantee[] };

export interface TransitCustomsDeps {
  /** Lodges customs' answer as an exchange with its state change; a guarantee the ledger cannot cover is answered, not thrown. */
  answer(answer: CustomsAnswer): Promise<AnswerOutcome>;
  /** The office of destination's arrival advice (IE006) or control results (IE018) on a departure, carried by the arrival's exchange. */
  atDestination(departureId: string, type: 'IE006' | 'IE018', exchangeId: string): Promise<void>;
  movement(id: string): Promise<MovementRow | undefined>;
  /** The declaration as it stands: the movement's CC015C, or its last accepted CC013C. */
  declarationOf(movementId: string): Promise<XmlElement>;
  /** The partner administration an office belongs to (by its country), if it is a partner's. */
  partnerOf(officeReference: string): { country: string; id: string } | undefined;
  /** Days a released movement has to reach its destination, when the declaration states no limit date. */
  timeLimitDays: number;
  /** The partner administration the anticipated arrival record went to sees the goods arrive (sandbox: transit-partner.ts). */
  partnerArrives(country: string, arrival: PartnerArrival): Promise<void>;
  /** Pause between two answers, so a trader sees them arrive one after the other. */
  pauseMs: number;
  now(): Date;
}

/** A trader's message the offices answer. */
export interface TraderMessage {
  movementId: string;
  type: MessageType;
  exchangeId: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const scenarioOf = (movement: MovementRow): TransitScenario => (movement.scenario as TransitScenario | null) ?? 'default';

/** What the departure's answers say of it. */
function departureData(
  movement: MovementRow,
  facts = JSON.parse(movement.facts) as DepartureFacts,
): DepartureAnswerData & { facts: DepartureFacts; lrn: string } {
  return {
    facts,
    // A departure is lodged with its LRN (CC015C requires it).
    lrn: movement.lrn ?? '',
    ...(movement.mrn ? { mrn: movement.mrn } : {}),
    officeOfDeparture: facts.officeOfDeparture,
    holder: facts.holder,
  };
}

const envelopeFor = (facts: { header: { messageSender: string; messageIdentification: string } }, at: Date): AnswerEnvelope => ({
  messageRecipient: facts.header.messageSender,
  correlationIdentifier: facts.header.messageIdentification,
  at,
});

/** Answers one trader's message: every answer it calls for, in order. */
export async function answerTraderMessage(deps: TransitCustomsDeps, message: TraderMessage): Promise<void> {
  const movement = await deps.movement(message.movementId);
  if (!movement) return;
  switch (message.type) {
    case 'IE015':
      return answerDeclaration(deps, movement);
    case 'IE170':
      return allocateAndDecide(deps, movement);
    case 'IE013': {
      const data = departureData(movement);
      await deps.answer({ movementId: movement.id, direction: 'to-trader', xml: amendmentAcceptance(data, envelopeFor(data.facts, deps.now()), deps.now()) });
      return;
    }
    case 'IE014': {
      const data = departureData(movement);
      const xml = invalidationDecision(data, envelopeFor(data.facts, deps.now()), { accepted: true, requestedAt: deps.now() });
      await deps.answer({ movementId: movement.id, direction: 'to-trader', xml });
      return;
    }
    case 'IE007':
      return answerArrival(deps, movement, message.exchangeId);
    case 'IE044':
      return releaseAtDestination(deps, movement);
    // A partner's control results from its office of destination: the office of departure writes the movement off.
    case 'IE018':
      return writeOff(deps, movement.id);
    default:
      return;
  }
}

async function answerDeclaration(deps: TransitCustomsDeps, movement: MovementRow): Promise<void> {
  const data = departureData(movement);
  const envelope = () => envelopeFor(data.facts, deps.now());
  if (scenarioOf(movement) === 'reject') {
    const holder = data.holder.identificationNumber;
    const finding = transitFinding(
      'sandbox.rejected',
      '12',
      '/CC015C/HolderOfTheTransitProcedure/identificationNumber',
      'The simulated office of departure rejects the declaration (X-Sandbox-Scenario: reject).',
      holder ? { originalAttributeValue: holder } : {},
    );
    await deps.answer({ movementId: movement.id, direction: 'to-trader', xml: rejection(data, envelope(), 'CC015C', [finding]) });
    return;
  }
  await deps.answer({ movementId: movement.id, direction: 'to-trader', xml: positiveAcknowledgement(data, envelope()) });
  // A pre-lodged declaration waits for its presentation notification (CC170C).
  if (movement.prelodged === 1) return;
  await pause(deps.pauseMs);
  await allocateAndDecide(deps, (await deps.movement(movement.id)) ?? movement);
}

/** CC028C with a new MRN, then what the scenario says: release, control then release, no release, or hold. */
async function allocateAndDecide(deps: TransitCustomsDeps, movement: MovementRow): Promise<void> {
  const data = departureData(movement);
  const envelope = () => envelopeFor(data.facts, deps.now());
  const mrn = allocateMrn({
    country: officeCountry(data.officeOfDeparture.referenceNumber),
    security: data.facts.security as SecurityIndicator,
    at: deps.now(),
  });
  await deps.answer({
    movementId: movement.id,
    direction: 'to-trader',
    xml: mrnAllocated({ ...data, mrn }, envelope(), new Date(movement.created_at)),
    effects: { mrn },
  });
  const scenario = scenarioOf(movement);
  if (scenario === 'hold') return;
  await pause(deps.pauseMs);
  if (scenario === 'no-release') {
    const xml = noRelease({ ...data, mrn }, envelope(), {
      code: '01',
      text: 'No release (X-Sandbox-Scenario: no-release)',
      submittedAt: new Date(movement.created_at),
    });
    await deps.answer({ movementId: movement.id, direction: 'to-trader', xml });
    return;
  }
  if (scenario === 'control') {
    await deps.answer({ movementId: movement.id, direction: 'to-trader', xml: controlDecision({ ...data, mrn }, envelope()) });
    await pause(deps.pauseMs);
  }
  await release(deps, movement, mrn);
}

/** CC029C, the guarantees reserved with it; CC055C when they cannot be. The anticipated arrival record goes to a partner office. */
async function release(deps: TransitCustomsDeps, movement: MovementRow, mrn: string): Promise<void> {
  const at = deps.now();
  const declaration = await deps.declarationOf(movement.id);
  // The declaration as amended (CC013C taken) is what is released: its guarantees, limit date and offices.
  const data = departureData(movement, readDeparture(declaration));
  const acceptedAt = new Date(movement.created_at);
  const timeLimit = data.facts.limitDate ?? new Date(at.getTime() + deps.timeLimitDays * 86_400_000).toISOString().slice(0, 10);
  const released = await deps.answer({
    movementId: movement.id,
    direction: 'to-trader',
    xml: releaseForTransit(declaration, { mrn, acceptedAt, releasedAt: at }, envelopeFor(data.facts, at)),
    effects: { timeLimit },
    guarantee: { reserve: { officeOfDepartureCountry: officeCountry(data.officeOfDeparture.referenceNumber), guarantees: data.facts.guarantees } },
  });
  if (!released.ok) {
    await deps.answer({ movementId: movement.id, direction: 'to-trader', xml: guaranteeNotValidFor(data, mrn, released.refusals, acceptedAt, at) });
    return;
  }
  const offices = [data.facts.officeOfDestination, ...data.facts.officesOfTransit];
  const partnerOffice = offices.find((office) => deps.partnerOf(office.referenceNumber));
  if (!partnerOffice) return;
  const partner = deps.partnerOf(partnerOffice.referenceNumber) as { country: string; id: string };
  await deps.answer({
    movementId: movement.id,
    direction: 'from-office',
    xml: anticipatedArrivalRecord(declaration, { mrn, acceptedAt, releasedAt: at }, { messageRecipient: `NTA.${partner.country}` }),
    // The partner's participant id, not its country: only that participant may speak of the movement.
    effects: { partner: partner.id },
    destinationCountry: partner.country,
  });
  await pause(deps.pauseMs);
  const consignee = data.facts.holder.identificationNumber ?? 'XB000000000000';
  await deps.partnerArrives(partner.country, { mrn, officeOfDestination: partnerOffice.referenceNumber, traderAtDestination: consignee });
}

function guaranteeNotValidFor(data: ReturnType<typeof departureData>, mrn: string, refusals: InvalidGuarantee[], acceptedAt: Date, at: Date): string {
  return guaranteeNotValid({ ...data, mrn }, envelopeFor(data.facts, at), refusals, acceptedAt);
}

/** CC007C: unloading permission for an authorised consignee, goods release otherwise; the departure hears of the arrival. */
async function answerArrival(deps: TransitCustomsDeps, arrival: MovementRow, exchangeId: string): Promise<void> {
  if (!arrival.departure_id) return;
  const facts = JSON.parse(arrival.facts) as ArrivalFacts;
  await deps.atDestination(arrival.departure_id, 'IE006', exchangeId);
  if (facts.simplifiedProcedure) {
    const declaration = await deps.declarationOf(arrival.departure_id);
    const xml = unloadingPermission(declaration, { ...destinationData(facts), acceptedAt: deps.now() }, envelopeFor(facts, deps.now()));
    await deps.answer({ movementId: arrival.id, direction: 'to-trader', xml });
    return;
  }
  await releaseAtDestination(deps, arrival);
}

const destinationData = (facts: ArrivalFacts): DestinationAnswerData => ({
  mrn: facts.mrn,
  officeOfDestination: facts.officeOfDestination,
  traderAtDestination: facts.traderAtDestination,
});

/** CC025C goods release at destination; then the office of departure writes the departure off (CC045C) and gives back its guarantees. */
async function releaseAtDestination(deps: TransitCustomsDeps, arrival: MovementRow): Promise<void> {
  if (!arrival.departure_id) return;
  const facts = JSON.parse(arrival.facts) as ArrivalFacts;
  await pause(deps.pauseMs);
  const released = await deps.answer({
    movementId: arrival.id,
    direction: 'to-trader',
    xml: goodsRelease(destinationData(facts), envelopeFor(facts, deps.now())),
  });
  if (!released.ok) return;
  await deps.atDestination(arrival.departure_id, 'IE018', released.exchangeId);
  await writeOff(deps, arrival.departure_id);
}

/** CC045C to the departure's holder, its guarantees given back. */
async function writeOff(deps: TransitCustomsDeps, departureId: string): Promise<void> {
  const departure = await deps.movement(departureId);
  if (!departure?.mrn) return;
  const data = departureData(departure);
  const xml = writeOffNotification({ ...data, mrn: departure.mrn }, { messageRecipient: data.facts.header.messageSender, at: deps.now() });
  await deps.answer({ movementId: departure.id, direction: 'to-trader', xml, guarantee: { release: true } });
}
