import type { Kysely } from 'kysely';
import { buildErrorSignal, buildReceipt, type BuiltMessage } from '../as4/build.js';
import { As4Error, as4Error } from '../as4/errors.js';
import { checkReceipt } from '../as4/receipt.js';
import type { PullRequestSignal, ReceiptSignal } from '../as4/message.js';
import { type ParsedAs4, parseAs4, type Payload, type ReceivedAs4 } from '../as4/read.js';
import type { Participant } from '../config/types.js';
import { RejectionError } from '../findings.js';
import type { SigningKey } from '../trust/pki/signing-key.js';
import { type As4Parties, deliveryMessageIdOf } from './parties.js';
import type { AccessPointTables } from './tables.js';
import { receiveSignedBy } from './verify.js';

/** The HTTP answer of POST /as4: always an ebMS message (a signal, or a pulled UserMessage). */
export interface As4Answer {
  status: 200 | 500;
  contentType: string;
  body: Buffer;
}

export interface As4ReceiveDeps {
  parties: As4Parties;
  /** The gateway's RSA key: decrypts what partners encrypted for its certificate, signs the signals it answers. */
  key: SigningKey;
  db: Kysely<AccessPointTables>;
  /** Hands a payload to the pipeline as the partner's inbound document; the MessageId is its idempotency key. */
  inbound: (partner: Participant, payload: Payload, messageId: string) => Promise<{ exchangeId: string }>;
  /** Settles a delivery that was pulled, with the partner's Receipt signal (its delivery message id, the receipt's time). */
  acknowledgePulled: (partner: Participant, deliveryMessageId: string, receivedAt: string) => Promise<void>;
  /** Largest payload once decompressed (the body limit): a gzip bomb is EBMS:0303. */
  maxPayloadBytes: number;
  now: () => Date;
}

/**
 * How far a new UserMessage's Timestamp may be from now. A copy of a message already received
 * is answered from the table whatever its age; a message never seen that is older than this is
 * a capture replayed, or a clock to set right.
 */
const AS4_REPLAY_WINDOW_MS = 24 * 3_600_000;
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The SOAP part an unauthenticated POST may make this access point parse: swgate's payloads
 * travel as attachments, so envelopes are a few kilobytes; a wide one would hold the event loop.
 */
const AS4_SOAP_LIMITS = { maxBytes: 256 * 1024, maxElements: 4_000 } as const;

/**
 * POST /as4: a UserMessage (verified, decrypted, decompressed, taken once per MessageId, handed
 * to the pipeline, answered with the signed Receipt), a PullRequest (the oldest UserMessage
 * waiting on its MPC for the signer, or EBMS:0006), or a Receipt signal for a pulled message.
 * Every failure is an ebMS Error signal with its code.
 */
export async function receiveAs4Post(deps: As4ReceiveDeps, body: Buffer, contentType: string): Promise<As4Answer> {
  let parsed: ParsedAs4 | undefined;
  try {
    parsed = parseAs4(body, { contentType, soapLimits: AS4_SOAP_LIMITS });
    const { message } = parsed;
    // Nothing unsigned is worth decrypting or verifying: refused on the first parse.
    if (!message.secured) throw as4Error('EBMS:0103', 'The message is not signed; the eDelivery AS4 profile requires a signature');
    if (message.userMessage) return await receiveUserMessage(deps, body, contentType, parsed);
    const signal = message.signals[0];
    if (signal?.kind === 'pull') return await answerPull(deps, body, contentType, parsed, signal);
    if (signal?.kind === 'receipt') return await takePulledReceipt(deps, body, contentType, parsed, signal);
    if (signal?.kind === 'error') return signalAnswer(200, { contentType: 'application/soap+xml; charset=UTF-8', body: Buffer.alloc(0) });
    throw as4Error('EBMS:0009', 'The message holds no UserMessage and no signal this access point takes');
  } catch (error) {
    if (error instanceof As4Error) return errorAnswer(deps, error, parsed);
    throw error;
  }
}

function signalAnswer(status: 200 | 500, built: Pick<BuiltMessage, 'contentType' | 'body'>): As4Answer {
  return { status, contentType: built.contentType, body: built.body };
}

/** An Error signal, signed: warnings (EBMS:0006) on 200, failures on 500 as the profile's SOAP binding has them. */
function errorAnswer(deps: As4ReceiveDeps, error: As4Error, parsed: ParsedAs4 | undefined): As4Answer {
  const ref = error.refToMessageInError ?? parsed?.message.userMessage?.info.messageId ?? parsed?.message.signals[0]?.info.messageId;
  const built = buildErrorSignal([error], { signer: deps.key, timestamp: deps.now(), ...(ref ? { refToMessageId: ref } : {}) });
  return signalAnswer(error.code === 'EBMS:0006' ? 200 : 500, built);
}

async function receiveUserMessage(deps: As4ReceiveDeps, body: Buffer, contentType: string, parsed: ParsedAs4): Promise<As4Answer> {
  const user = parsed.message.userMessage as NonNullable<ParsedAs4['message']['userMessage']>;
  const messageId = user.info.messageId;
  const { self } = deps.parties;
  if (!user.to.partyIds.some((id) => id.value === self.partyId && (id.type === undefined || self.partyIdType === undefined || id.type === self.partyIdType)))
    throw as4Error(
      'EBMS:0003',
      `The message is addressed to ${user.to.partyIds.map((p) => p.value).join(', ')}, not to this access point (${self.partyId})`,
      messageId,
    );
  const partner = deps.parties.byPartyId(user.from.partyIds);
  if (!partner) throw as4Error('EBMS:0101', `No configured AS4 party is ${user.from.partyIds.map((p) => p.value).join(', ')}`, messageId);
  // swgate carries one document per message: more PartInfo is refused before anything is decrypted or inflated.
  if (user.parts.length !== 1)
    throw as4Error('EBMS:0003', `The message names ${user.parts.length} payloads; this access point takes exactly one document per message`, messageId);
  // Certificates valid when the sender says it signed and still now: an end-dated certificate signs no back-dated message.
  const sentAt = new Date(user.info.timestamp);
  const validNow = deps.parties.certificatesAt(partner, deps.now());
  const received = receiveSignedBy(
    body,
    { contentType, parsed, decryption: { privateKey: deps.key.privateKey, certificate: deps.key.certificate }, maxInflatedBytes: deps.maxPayloadBytes },
    deps.parties.certificatesAt(partner, sentAt).filter((c) => validNow.some((n) => n.raw.equals(c.raw))),
  );

  const earlier = await deps.db.selectFrom('as4_received').selectAll().where('message_id', '=', messageId).executeTakeFirst();
  if (earlier) {
    if (earlier.partner !== partner.id) throw as4Error('EBMS:0004', 'Another party already sent a message with this MessageId', messageId);
    return { status: 200, contentType: earlier.receipt_type, body: Buffer.from(earlier.receipt, 'base64') };
  }
  checkWindow(deps, user.info.timestamp, messageId);
  const payload = onlyPayload(received);

  let exchangeId: string;
  try {
    ({ exchangeId } = await deps.inbound(partner, payload, messageId));
  } catch (error) {
    if (!(error instanceof RejectionError)) throw error;
    const why = error.findings.length > 0 ? error.findings.map((f) => `${f.code}: ${f.message}`).join('; ') : error.message;
    // A refusal of the document is final (EBMS:0003 with the findings); the gateway unable to take it now is EBMS:0004, which senders retry.
    throw as4Error(error.status >= 500 ? 'EBMS:0004' : 'EBMS:0003', `The document was not accepted (${error.status}): ${why}`, messageId);
  }
  const receipt = buildReceipt(received, { signer: deps.key, timestamp: deps.now() });
  await deps.db
    .insertInto('as4_received')
    .values({
      message_id: messageId,
      partner: partner.id,
      exchange_id: exchangeId,
      receipt: receipt.body.toString('base64'),
      receipt_type: receipt.contentType,
      received_at: deps.now().toISOString(),
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
  // Two copies at once: both were ingested as one exchange (the MessageId is the idempotency key); both answer the receipt kept.
  const kept = await deps.db.selectFrom('as4_received').select(['receipt', 'receipt_type']).where('message_id', '=', messageId).executeTakeFirstOrThrow();
  return { status: 200, contentType: kept.receipt_type, body: Buffer.from(kept.receipt, 'base64') };
}

/** swgate carries one document per UserMessage. */
function onlyPayload(received: ReceivedAs4): Payload {
  const messageId = received.message.userMessage?.info.messageId;
  if (received.payloads.length !== 1)
    throw as4Error(
      'EBMS:0003',
      `The message carries ${received.payloads.length} payloads; this access point takes exactly one document per message`,
      messageId,
    );
  return received.payloads[0] as Payload;
}

function checkWindow(deps: As4ReceiveDeps, timestamp: string, messageId: string): void {
  const age = deps.now().getTime() - new Date(timestamp).getTime();
  if (age > AS4_REPLAY_WINDOW_MS || age < -CLOCK_SKEW_MS)
    throw as4Error('EBMS:0003', `Timestamp ${timestamp} is outside the window this access point takes new messages in`, messageId);
}

/**
 * The signer of a signal is its sender: signals name no party. A signal is taken once per
 * MessageId and within the Timestamp window, as UserMessages are: a captured PullRequest
 * played again would take the next message waiting.
 */
async function signalSender(
  deps: As4ReceiveDeps,
  body: Buffer,
  contentType: string,
  parsed: ParsedAs4,
): Promise<{ partner: Participant; received: ReceivedAs4 }> {
  const at = deps.now();
  const candidates = deps.parties.allCertificatesAt(at);
  const received = receiveSignedBy(body, { contentType, parsed }, candidates);
  const partner = received.signature ? deps.parties.bySigner(received.signature.signer, at) : undefined;
  if (!partner) throw as4Error('EBMS:0101', 'The signal is not signed by a configured AS4 party');
  const info = parsed.message.signals[0]!.info;
  checkWindow(deps, info.timestamp, info.messageId);
  const taken = await deps.db
    .insertInto('as4_signals')
    .values({ message_id: info.messageId, partner: partner.id, received_at: at.toISOString() })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .executeTakeFirst();
  if (Number(taken.numInsertedOrUpdatedRows ?? 0n) === 0) throw as4Error('EBMS:0003', `The signal ${info.messageId} was already received`, info.messageId);
  return { partner, received };
}

async function answerPull(deps: As4ReceiveDeps, body: Buffer, contentType: string, parsed: ParsedAs4, pull: PullRequestSignal): Promise<As4Answer> {
  const { partner } = await signalSender(deps, body, contentType, parsed);
  return takeNextWaiting(deps, partner, pull);
}

async function takeNextWaiting(deps: As4ReceiveDeps, partner: Participant, pull: PullRequestSignal): Promise<As4Answer> {
  const waiting = await deps.db
    .selectFrom('as4_waiting')
    .selectAll()
    .where('destination', '=', partner.id)
    .where('mpc', '=', pull.mpc)
    .where('pulled_at', 'is', null)
    .orderBy('created_at')
    .orderBy('message_id')
    .limit(1)
    .executeTakeFirst();
  if (!waiting) throw as4Error('EBMS:0006', `Nothing waits for ${partner.id} on ${pull.mpc}`, pull.info.messageId);
  const taken = await deps.db
    .updateTable('as4_waiting')
    .set({ pulled_at: deps.now().toISOString() })
    .where('message_id', '=', waiting.message_id)
    .where('pulled_at', 'is', null)
    .executeTakeFirst();
  // Another PullRequest took it meanwhile: this one gets the next.
  if (Number(taken.numUpdatedRows) === 0) return takeNextWaiting(deps, partner, pull);
  return { status: 200, contentType: waiting.content_type, body: Buffer.from(waiting.body, 'base64') };
}

async function takePulledReceipt(deps: As4ReceiveDeps, body: Buffer, contentType: string, parsed: ParsedAs4, receipt: ReceiptSignal): Promise<As4Answer> {
  const { partner } = await signalSender(deps, body, contentType, parsed);
  const ref = receipt.info.refToMessageId ?? '';
  const waiting = await deps.db.selectFrom('as4_waiting').selectAll().where('message_id', '=', ref).executeTakeFirst();
  if (!waiting || waiting.destination !== partner.id) throw as4Error('EBMS:0003', `No message ${ref} was sent to ${partner.id}`, receipt.info.messageId);
  const checked = checkReceipt(
    { soapVersion: '1.2', signals: [receipt], secured: true },
    { messageId: ref, signedReferences: JSON.parse(waiting.signed_references) as BuiltMessage['signedReferences'] },
  );
  if (checked.kind !== 'receipt') throw as4Error('EBMS:0302', `${ref}: not a receipt`, receipt.info.messageId);
  const deliveryMessageId = deliveryMessageIdOf(ref, deps.parties.self);
  if (!deliveryMessageId) throw as4Error('EBMS:0003', `${ref} is not a MessageId of this access point`, receipt.info.messageId);
  await deps.db
    .insertInto('as4_receipts')
    .values({
      message_id: ref,
      exchange_id: waiting.exchange_id,
      destination: partner.id,
      receipt: body.toString('base64'),
      content_type: contentType,
      received_at: deps.now().toISOString(),
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
  await deps.acknowledgePulled(partner, deliveryMessageId, receipt.info.timestamp);
  await deps.db.deleteFrom('as4_waiting').where('message_id', '=', ref).execute();
  // A Receipt signal is one-way: nothing to answer but the HTTP status.
  return { status: 200, contentType: 'application/soap+xml; charset=UTF-8', body: Buffer.alloc(0) };
}
