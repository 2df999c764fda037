/**
 * A partner customs administration's signed message under a mutual recognition arrangement
 * (POST /v1/partner-messages): a `control-result` of one of its exports, or an `aeo-status` of
 * its operators. Verified as partner envelopes are (trust/inbound.ts: its own trust store,
 * addressed to this gateway, within its time window), refused unless an arrangement covers it,
 * read against its kind's schema; then stored with its provenance records in one commit, once
 * per envelope MessageId, and answered with the gateway's signed receipt.
 */
import type { Arrangement, Participant } from '../config/types.js';
import { finding, RejectionError } from '../findings.js';
import { GATEWAY_ID } from '../gateway-id.js';
import { sha256Hex } from '../hashing.js';
import type { AeoAuthorisation } from '../risk/aeo-register.js';
import {
  isPartnerMessageKind,
  type PartnerControlMessage,
  type PartnerMessage,
  type PartnerMessageKind,
  readPartnerMessage,
} from '../risk/partner-messages.js';
import type { RecordInput } from '../provenance/record.js';
import type { RecognitionTables } from '../risk/recognition-tables.js';
import { tablesOf } from '../store/db.js';
import { findExchange, newId, type Store } from '../store/exchanges.js';
import { writeInBatch } from '../store/write-batches.js';
import { receiptKey, verifyPartnerEnvelope, type VerifiedEnvelope } from '../trust/inbound.js';
import type { SigningKey } from '../trust/pki/signing-key.js';
import type { TrustStore } from '../trust/pki/trust-store.js';
import { receivedDigest, signReceipt } from '../trust/receipt.js';
import { stateAndRecord } from './aeo-register.js';
import { controlRecord } from './control.js';
import type { RecordProvenance } from './vocabulary.js';

export interface PartnerMessageDeps {
  store: Store;
  recordProvenance: RecordProvenance;
  trustStoreOf: (participantId: string) => TrustStore | undefined;
  gatewayKey: SigningKey | undefined;
  arrangements: readonly Arrangement[];
  now: () => Date;
}

/** What the partner is told, and told again when it sends the same message twice. */
export interface PartnerMessageAnswer {
  messageId: string;
  kind: PartnerMessageKind;
  receivedAt: string;
  /** The partner control's id (control-result), or each operator's authorisation as it now stands (aeo-status). */
  controlId?: string;
  authorisations?: AeoAuthorisation[];
}

export interface PartnerMessageResult {
  answer: PartnerMessageAnswer;
  /** True when the MessageId had been taken before, with the same content: nothing was written again. */
  replayed: boolean;
  /** Compact JWS: the gateway's signed receipt for exactly the bytes received. */
  receipt: string;
}

const forbidden = (code: string, message: string) => new RejectionError(403, 'Forbidden', [finding(code, message)]);

/** What the arrangement with `partner` lets it send today, or a 403 saying what is missing. */
function checkArrangement(arrangements: readonly Arrangement[], partner: Participant, kind: PartnerMessageKind | undefined, today: string): void {
  const arrangement = arrangements.find((a) => a.partner === partner.id);
  if (!arrangement || (arrangement.since !== undefined && arrangement.since > today))
    throw forbidden('recognition.no-arrangement', `No mutual recognition arrangement with ${partner.id} is in force.`);
  if (kind === 'aeo-status' && !arrangement.aeo)
    throw forbidden('recognition.not-arranged', `The arrangement with ${partner.id} does not recognise its AEO authorisations.`);
  if (kind === 'control-result' && !arrangement.controlResults)
    throw forbidden('recognition.not-arranged', `The arrangement with ${partner.id} does not recognise its control results.`);
}

function messageKindOf(verified: VerifiedEnvelope): PartnerMessageKind {
  const kind = verified.header.documentKind;
  if (!isPartnerMessageKind(kind))
    throw new RejectionError(422, 'Unsupported message kind', [
      finding('envelope.document-kind', `Partner messages are control-result or aeo-status; got "${kind}".`, '/header/documentKind'),
    ]);
  return kind;
}

export async function receivePartnerMessage(deps: PartnerMessageDeps, partner: Participant, body: Buffer, contentType: string): Promise<PartnerMessageResult> {
  if (partner.kind !== 'partner-customs')
    throw forbidden('recognition.not-a-partner', `Partner messages come from partner customs administrations; ${partner.id} is a ${partner.kind}.`);
  const now = deps.now();
  checkArrangement(deps.arrangements, partner, undefined, now.toISOString().slice(0, 10));
  const gatewayKey = receiptKey(deps.gatewayKey);
  if (contentType.split(';')[0]!.trim().toLowerCase() !== 'application/jose')
    throw new RejectionError(415, 'Unsupported envelope', [
      finding('envelope.content-type', `partner messages are JSON in a JWS envelope (application/jose); got ${contentType}`),
    ]);
  const verified = await verifyPartnerEnvelope(body, contentType, partner.id, deps.trustStoreOf, now);
  const kind = messageKindOf(verified);
  checkArrangement(deps.arrangements, partner, kind, now.toISOString().slice(0, 10));
  const message = readPartnerMessage(kind, verified.payload, partner, now);
  const messageId = verified.header.messageId;
  const contentSha256 = sha256Hex(verified.signedContent);
  const agent = { participant: partner.id, certificateFingerprint: verified.evidence.certificateFingerprint };

  const { answer, replayed } = await writeInBatch(deps.store, async (transaction) => {
    const db = tablesOf<RecognitionTables>(transaction.db);
    const earlier = await db
      .selectFrom('partner_messages')
      .selectAll()
      .where('partner', '=', partner.id)
      .where('message_id', '=', messageId)
      .executeTakeFirst();
    if (earlier) {
      if (earlier.content_sha256 !== contentSha256)
        throw new RejectionError(409, 'Conflict', [
          finding('envelope.message-id-reused', `MessageId ${messageId} was received before with other content.`, '/header/messageId'),
        ]);
      return { answer: JSON.parse(earlier.answer) as PartnerMessageAnswer, replayed: true };
    }
    const receivedAt = now.toISOString();
    const recorded =
      message.kind === 'control-result'
        ? { controlId: await storePartnerControl(deps, transaction, partner, messageId, message, agent, now) }
        : {
            authorisations: await statementsOf(message, async (a) => {
              const { operatorId, ...statement } = a;
              return (await stateAndRecord(deps, transaction, partner.id, operatorId, statement, agent, now)).authorisation;
            }),
          };
    const answer: PartnerMessageAnswer = { messageId, kind, receivedAt, ...recorded };
    await db
      .insertInto('partner_messages')
      .values({ partner: partner.id, message_id: messageId, kind, content_sha256: contentSha256, received_at: receivedAt, answer: JSON.stringify(answer) })
      .execute();
    return { answer, replayed: false };
  });
  const receipt = await signReceipt(
    { messageId, from: GATEWAY_ID, to: partner.id, status: 'accepted', receivedSha256: receivedDigest(body), receivedAt: answer.receivedAt, findings: [] },
    gatewayKey,
  );
  return { answer, replayed, receipt };
}

/** One statement after the other: they share the transaction, and two may name one operator (the later wins). */
async function statementsOf<T>(
  message: Extract<PartnerMessage, { kind: 'aeo-status' }>,
  state: (a: (typeof message.authorisations)[number]) => Promise<T>,
): Promise<T[]> {
  const out: T[] = [];
  for (const a of message.authorisations) out.push(await state(a));
  return out;
}

/**
 * The partner's control, findable by every reference of the export it names. An exchange named
 * must be one this partner sent here: a partner reports on its own exports only.
 */
async function storePartnerControl(
  deps: Pick<PartnerMessageDeps, 'recordProvenance'>,
  transaction: Store,
  partner: Participant,
  messageId: string,
  message: PartnerControlMessage,
  agent: RecordInput['agent'],
  at: Date,
): Promise<string> {
  const exchangeId = message.export.exchangeId;
  const carried = exchangeId === undefined ? undefined : await findExchange(transaction, exchangeId);
  if (exchangeId !== undefined && carried?.sender !== partner.id)
    throw new RejectionError(422, 'Unknown export', [
      finding('recognition.export-not-yours', `No exchange ${exchangeId} sent by ${partner.id} is known here.`, '/export/exchangeId'),
    ]);
  const db = tablesOf<RecognitionTables>(transaction.db);
  const id = newId();
  const row = {
    id,
    partner: partner.id,
    message_id: messageId,
    outcome: message.outcome,
    findings: JSON.stringify(message.findings),
    controlled_at: message.controlledAt,
    received_at: at.toISOString(),
  };
  await db.insertInto('partner_controls').values(row).execute();
  // By MRN and exchange only: an import never matches an export by its LRN, which declarants choose and which repeat across countries.
  const references = [...new Set([message.export.mrn, exchangeId].filter((r): r is string => r !== undefined))];
  await db
    .insertInto('partner_control_references')
    .values(references.map((reference) => ({ reference, control_id: id })))
    .execute();
  const used = carried ? { contentSha256: carried.content_sha256, name: 'original' } : undefined;
  await deps.recordProvenance(transaction, [controlRecord(id, { ...message, partner: partner.id }, agent, used, at)]);
  return id;
}
