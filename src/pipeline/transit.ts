/**
 * Transit messages in (docs/TRANSIT.md): a trader's CC015C, CC013C, CC014C, CC170C, CC007C,
 * CC044C, and customs' answers, each lodged as an exchange of kind `transit` through ingest: read
 * and validated against its CTC XSD (transit/validate.ts), then stored, logged and routed in one
 * transaction with what it changes in the movement (transit-step.ts). A trader's message is
 * routed by agreement (to customs); customs' answers are read by their recipient through the API
 * and routed only where an agreement says so (a movement's data to a partner administration).
 */
import type { Participant } from '../config/types.js';
import { RejectionError } from '../findings.js';
import { tablesOf } from '../store/db.js';
import { newId, type Store } from '../store/exchanges.js';
import { writeInBatch } from '../store/write-batches.js';
import type { MovementTables } from '../transit/movement-tables.js';
import { type CtcMessageType, ieName } from '../transit/message-types.js';
import type { MessageDirection, MessageType, MovementKind } from '../transit/movement-state.js';
import { applyMessage, findMovement, type MessageEffects } from '../transit/movements.js';
import { readArrival, readDeparture, readInvalidationRequest, readHeader, readPresentation, readUnloadingRemarks } from '../transit/read.js';
import { type CtcValidation, transitFinding, validateCtcMessage } from '../transit/validate.js';
import type { IngestRequest, IngestResult, ReadDocument } from './ingest.js';
import type { MovementStep } from './transit-step.js';

/** What each route takes (the trader's side; anything else on it is refused 400 before it is read further). */
const ROUTE_MESSAGES = {
  departure: { start: ['CC015C'], follow: ['CC013C', 'CC014C', 'CC170C'] },
  arrival: { start: ['CC007C'], follow: ['CC044C'] },
} as const satisfies Record<MovementKind, { start: readonly CtcMessageType[]; follow: readonly CtcMessageType[] }>;

/** A message a movement took: what happens after its commit (the holder's webhook, the sandbox customs' answer) starts from it. */
export interface TakenMessage {
  movementId: string;
  kind: MovementKind;
  messageId: string;
  type: MessageType;
  direction: MessageDirection;
  exchangeId: string;
  /** The movement's owner: who hears of customs' answers. */
  owner: string;
  sender: string;
  scenario?: string | undefined;
}

/** What the holder's webhook is told of each message customs adds to its movement (docs/API.md, webhooks). */
export interface MovementNotification {
  event: 'movement.message';
  movementId: string;
  messageId: string;
  /** IE928, IE028, IE029 …: fetch it at `links.message`. */
  type: string;
  at: string;
  links: { movement: string; message: string };
}

/** The notification of a message taken, for its movement's owner: customs' answers only (the trader knows what it sent). */
export function notificationOf(taken: TakenMessage, at: Date): MovementNotification | undefined {
  if (taken.direction !== 'to-trader') return undefined;
  const movement = `/v1/movements/${taken.kind === 'departure' ? 'departures' : 'arrivals'}/${taken.movementId}`;
  return {
    event: 'movement.message',
    movementId: taken.movementId,
    messageId: taken.messageId,
    type: taken.type,
    at: at.toISOString(),
    links: { movement, message: `${movement}/messages/${taken.messageId}` },
  };
}

export interface TransitDeps {
  ingest: (req: IngestRequest) => Promise<IngestResult>;
  /** Whether this is the sandbox: a sandbox trader may lodge for any holder. */
  sandbox: boolean;
  /** The movement and message an exchange carried (an idempotent replay answers as before). */
  messageOfExchange: (exchangeId: string) => Promise<{ movementId: string; messageId: string } | undefined>;
  /** The owner and kind of a movement, for what follows a commit. */
  movementOf: (movementId: string) => Promise<{ owner: string; kind: MovementKind } | undefined>;
  /** Told of every message a movement took, after its commit. */
  onTaken: (taken: TakenMessage) => void;
}

/** A trader's transit message as it arrives at a movements route. */
export interface TransitLodgement {
  sender: Participant;
  body: Buffer;
  kind: MovementKind;
  /** The movement it is a message of; absent: it starts one. */
  movementId?: string;
  idempotencyKey?: string;
  /** Sandbox only: how the simulated office of departure answers (docs/TRANSIT.md). */
  scenario?: string;
}

export interface TransitAccepted {
  movementId: string;
  messageId: string;
  exchange: IngestResult;
}

/** Reads and validates; a message that breaks its schema is refused 422 with every finding, pointed as NCTS would. */
function validated(body: Buffer, expect?: readonly CtcMessageType[]): CtcValidation {
  const checked = validateCtcMessage(body, expect ? { expect } : {});
  if (checked.findings.length > 0) {
    const n = checked.findings.length;
    throw new RejectionError(
      422,
      'Message not valid',
      checked.findings,
      `The ${checked.type} breaks its schema in ${n} place${n === 1 ? '' : 's'}; the findings point to each.`,
    );
  }
  return checked;
}

const actsFor = (sender: Participant, id: string | undefined) => id !== undefined && sender.actsFor.some((a) => a.id === id);

/** Outside the sandbox a trader lodges only for a holder it acts for (administrations relay their traders' messages). */
function refuseForeignHolder(deps: Pick<TransitDeps, 'sandbox'>, sender: Participant, holder: string | undefined, pointer: string): void {
  if (deps.sandbox || ['customs', 'partner-customs'].includes(sender.kind) || actsFor(sender, holder)) return;
  throw new RejectionError(403, 'Not lodged for a trader you act for', [
    transitFinding('party.not-acted-for', '12', pointer, `${sender.id} does not act for ${holder ?? 'a holder the message does not name'}`),
  ]);
}

/**
 * Across borders: the partner administration of the office of destination relays its trader's
 * arrival notification (CC007C) and unloading remarks (CC044C) for a movement whose data it was
 * sent; to the office of departure they are its arrival advice (IE006) and control results
 * (IE018), messages of the departure between offices.
 */
function partnerStep(sender: Participant, checked: CtcValidation): MovementStep {
  const arrived = checked.type === 'CC007C';
  const mrn = arrived ? readArrival(checked.document).mrn : readUnloadingRemarks(checked.document).mrn;
  return {
    step: 'message',
    movementId: mrn,
    ofPartner: { participant: sender.id, pointer: `/${checked.type}/TransitOperation/MRN` },
    type: arrived ? 'IE006' : 'IE018',
    messageId: newId(),
    direction: 'from-office',
  };
}

const PARTNER_MESSAGES: readonly CtcMessageType[] = ['CC007C', 'CC044C'];

/** The movement step a trader's message calls for, and the message id it gets. */
function traderStep(deps: TransitDeps, l: TransitLodgement, checked: CtcValidation): MovementStep {
  if (l.sender.kind === 'partner-customs') return partnerStep(l.sender, checked);
  const messageId = newId();
  const type = ieName(checked.type) as MessageType;
  const root = `/${checked.type}`;
  if (l.movementId === undefined) {
    if (checked.type === 'CC015C') {
      const facts = readDeparture(checked.document);
      refuseForeignHolder(deps, l.sender, facts.holder.identificationNumber, `${root}/HolderOfTheTransitProcedure/identificationNumber`);
      return {
        step: 'start',
        type,
        messageId,
        pointer: `${root}/TransitOperation/LRN`,
        movement: {
          id: newId(),
          kind: 'departure',
          owner: l.sender.id,
          holder: facts.holder.identificationNumber,
          lrn: facts.lrn,
          prelodged: facts.additionalDeclarationType === 'D',
          scenario: l.scenario,
          officeOfDeparture: facts.officeOfDeparture.referenceNumber,
          officeOfDestination: facts.officeOfDestination.referenceNumber,
          facts,
        },
      };
    }
    const facts = readArrival(checked.document);
    refuseForeignHolder(deps, l.sender, facts.traderAtDestination, `${root}/TraderAtDestination/identificationNumber`);
    const sender = l.sender;
    return {
      step: 'start',
      type,
      messageId,
      pointer: `${root}/TransitOperation/MRN`,
      // The trader at destination is rarely the holder: it may name the MRN of a departure it lodged, or of a holder it acts for.
      arrivalOf: { mrn: facts.mrn, mayName: (departure) => departure.owner === sender.id || actsFor(sender, departure.holder ?? undefined) },
      movement: {
        id: newId(),
        kind: 'arrival',
        owner: l.sender.id,
        holder: facts.traderAtDestination,
        mrn: facts.mrn,
        prelodged: false,
        scenario: l.scenario,
        officeOfDestination: facts.officeOfDestination.referenceNumber,
        facts,
      },
    };
  }
  // An amendment may name another holder; it, an invalidation request and a presentation are lodged for a holder the sender acts for, like the declaration.
  const holder = holderOf(checked);
  if (holder) refuseForeignHolder(deps, l.sender, holder.id, holder.pointer);
  const names = referencesOf(checked);
  return { step: 'message', movementId: l.movementId, owner: l.sender.id, type, messageId, direction: 'from-trader', ...(names ? { names } : {}) };
}

/** The holder a follow-up message names (CC013C, CC014C, CC170C), with where it names it. */
function holderOf(checked: CtcValidation): { id: string | undefined; pointer: string } | undefined {
  const pointer = `/${checked.type}/HolderOfTheTransitProcedure/identificationNumber`;
  switch (checked.type) {
    case 'CC013C':
      return { id: readDeparture(checked.document).holder.identificationNumber, pointer };
    case 'CC014C':
      return { id: readInvalidationRequest(checked.document).holder.identificationNumber, pointer };
    case 'CC170C':
      return { id: readPresentation(checked.document).holder.identificationNumber, pointer };
    default:
      return undefined;
  }
}

/** The LRN or MRN a follow-up message names, with where it names it. */
function referencesOf(checked: CtcValidation): { lrn?: string | undefined; mrn?: string | undefined; pointer: string } | undefined {
  const at = (element: 'LRN' | 'MRN') => `/${checked.type}/TransitOperation/${element}`;
  switch (checked.type) {
    case 'CC013C': {
      const f = readDeparture(checked.document);
      return f.mrn ? { mrn: f.mrn, pointer: at('MRN') } : { lrn: f.lrn, pointer: at('LRN') };
    }
    case 'CC014C': {
      const f = readInvalidationRequest(checked.document);
      return f.mrn ? { mrn: f.mrn, pointer: at('MRN') } : { lrn: f.lrn, pointer: at('LRN') };
    }
    case 'CC170C':
      return { lrn: readPresentation(checked.document).lrn, pointer: at('LRN') };
    case 'CC044C':
      return { mrn: readUnloadingRemarks(checked.document).mrn, pointer: at('MRN') };
    default:
      return undefined;
  }
}

const ctcDocument = (body: Buffer | string) => ({
  content: typeof body === 'string' ? body : body.toString('utf8'),
  mediaType: 'application/xml',
  format: 'ctc-xml',
});

/**
 * A trader's message: a new movement (CC015C, CC007C) or one more message of the sender's own
 * movement. 400 when it cannot be read, is not a message of that route, or the movement's state
 * does not take it; 422 when it breaks its schema, names an LRN in use or an MRN the sender
 * cannot name; 404 for a movement that is not the sender's.
 */
export async function lodgeTransit(deps: TransitDeps, l: TransitLodgement): Promise<TransitAccepted> {
  const routes = ROUTE_MESSAGES[l.kind];
  let step: MovementStep | undefined;
  const read = (): ReadDocument => {
    const relayed = l.sender.kind === 'partner-customs';
    if (relayed && (l.kind !== 'arrival' || l.movementId !== undefined))
      throw new RejectionError(403, 'Not a trader', [
        {
          severity: 'error',
          code: 'transit.partner-arrivals-only',
          message: 'A partner administration relays arrival notifications and unloading remarks at POST /v1/movements/arrivals only.',
          path: '',
        },
      ]);
    const checked = validated(l.body, relayed ? PARTNER_MESSAGES : l.movementId === undefined ? routes.start : routes.follow);
    step = traderStep(deps, l, checked);
    const { content, mediaType, format } = ctcDocument(l.body);
    return { facts: {}, findings: [], document: { content, mediaType, format }, messageId: readHeaderId(checked), movement: step };
  };
  const exchange = await deps.ingest({
    sender: l.sender,
    documentKind: 'transit',
    body: l.body,
    mediaType: 'application/xml',
    read,
    ...(l.idempotencyKey !== undefined ? { idempotencyKey: l.idempotencyKey } : {}),
  });
  const taken = exchange.extra?.movementId
    ? { movementId: exchange.extra.movementId, messageId: exchange.extra.messageId as string }
    : await deps.messageOfExchange(exchange.exchangeId);
  if (!taken) throw new Error(`exchange ${exchange.exchangeId} carries no transit message`);
  if (!exchange.replayed && step) {
    const type = step.type;
    if (step.step === 'message' && step.ofPartner) {
      const departure = await deps.movementOf(taken.movementId);
      if (departure)
        deps.onTaken({
          ...taken,
          kind: 'departure',
          type,
          direction: 'from-office',
          exchangeId: exchange.exchangeId,
          owner: departure.owner,
          sender: l.sender.id,
        });
    } else {
      const owner = step.step === 'start' ? step.movement.owner : l.sender.id;
      deps.onTaken({
        ...taken,
        kind: l.kind,
        type,
        direction: 'from-trader',
        exchangeId: exchange.exchangeId,
        owner,
        sender: l.sender.id,
        scenario: l.scenario,
      });
    }
  }
  return { ...taken, exchange };
}

/** A message customs (the office of departure or destination) adds to a movement: its answers, and between offices. */
export interface OfficeMessage {
  sender: Participant;
  movementId: string;
  xml: string;
  direction: Exclude<MessageDirection, 'from-trader'>;
  effects?: MessageEffects;
  guarantee?: Extract<MovementStep, { step: 'message' }>['guarantee'];
  /** Routing facts: the country of a partner administration that must receive it (the anticipated arrival record). */
  destinationCountry?: string;
}

/**
 * Customs' message on a movement, lodged as an exchange from customs: validated against its XSD
 * like any other (a builder's mistake is refused, not sent), stored with its state change in one
 * transaction; unrouted unless an agreement routes it (customs' answers are read through the API).
 */
export async function recordOfficeMessage(deps: TransitDeps, m: OfficeMessage): Promise<TransitAccepted> {
  let type: MessageType | undefined;
  const messageId = newId();
  const read = (): ReadDocument => {
    const checked = validated(Buffer.from(m.xml));
    type = (m.destinationCountry ? 'IE001' : ieName(checked.type)) as MessageType;
    const { content, mediaType, format } = ctcDocument(m.xml);
    return {
      facts: m.destinationCountry ? { destinationCountry: m.destinationCountry } : {},
      findings: [],
      document: { content, mediaType, format },
      messageId: readHeaderId(checked),
      movement: {
        step: 'message',
        movementId: m.movementId,
        type,
        messageId,
        direction: m.direction,
        ...(m.effects ? { effects: m.effects } : {}),
        ...(m.guarantee ? { guarantee: m.guarantee } : {}),
      },
    };
  };
  const exchange = await deps.ingest({
    sender: m.sender,
    documentKind: 'transit',
    body: Buffer.from(m.xml),
    mediaType: 'application/xml',
    read,
    unroutedAllowed: true,
  });
  const movement = await deps.movementOf(m.movementId);
  if (movement && type)
    deps.onTaken({
      movementId: m.movementId,
      kind: movement.kind,
      messageId,
      type,
      direction: m.direction,
      exchangeId: exchange.exchangeId,
      owner: movement.owner,
      sender: m.sender.id,
    });
  return { movementId: m.movementId, messageId, exchange };
}

const readHeaderId = (checked: CtcValidation): string => readHeader(checked.document).messageIdentification;

/**
 * The office of destination's word on a departure that another exchange carries (at home, the
 * arrival notification stands as the arrival advice, IE006, and the goods release as the control
 * results, IE018): one more message of the departure, in one commit under the write lock.
 */
export async function recordAtDestination(store: Store, departureId: string, type: 'IE006' | 'IE018', exchangeId: string, at: string): Promise<void> {
  await writeInBatch(store, async (transaction) => {
    const db = tablesOf<MovementTables>(transaction.db);
    const departure = await findMovement(db, departureId);
    if (!departure) throw notFoundMovement(departureId);
    const taken = await applyMessage(db, departure, { id: newId(), type, direction: 'from-office', exchangeId, at });
    if (!taken.ok)
      throw new RejectionError(400, 'Message out of sequence', [transitFinding('transit.out-of-state', '92', `/${type}`, taken.reason)], taken.reason);
  });
}

const notFoundMovement = (id: string) =>
  new RejectionError(404, 'Not found', [{ severity: 'error', code: 'movement.not-found', message: `There is no movement ${id}.`, path: '' }]);
