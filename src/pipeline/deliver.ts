import type { Agreement, Participant } from '../config/types.js';
import { GATEWAY_ID } from '../gateway-id.js';
import type { Finding } from '../findings.js';
import type { RecordInput } from '../provenance/record.js';
import { TransportError } from '../http-client.js';
import type { OutboundMessage, TransportAnswer } from '../routing/transport.js';
import type { DeliveryStatus } from '../store/exchange-tables.js';
import { RejectionError } from '../findings.js';
import type { MappingCatalogue } from '../mapping/catalogue.js';
import type { SigningKey } from '../trust/pki/signing-key.js';
import {
  type DeliveryChange,
  type DeliveryWork,
  findDeliveryWork,
  findDocument,
  findFirstDocument,
  insertOutgoingDocument,
  type OutgoingDocumentRow,
  saveDeliveryChange,
} from '../store/exchanges.js';
import { SANDBOX_DELIVERY_HEADER } from '../sandbox/destinations.js';
import { decisionDocumentName } from '../risk/decide.js';
import { renderFor, renderSourceNames } from './render.js';
import { type GatewayKeys, seal, type SigningAlgorithm } from './seal.js';
import type { TrustStore } from '../trust/pki/trust-store.js';
import { type ReceiptContext, takeReceipt } from './receipts.js';
import type { Channels, DeliveryOutcome } from './channel.js';
import { type Settlement, type SettleDeps, settleAndRecord } from './settle.js';
import { type DeliveryAttempt, type DeliveryJob, FinalDeliveryError, messageIdOf } from './vocabulary.js';

export interface DeliverDeps extends SettleDeps {
  mappings: MappingCatalogue;
  /** Seal what is sent in a signed envelope; absent when the gateway has no key (documents then go as they are). */
  keys?: GatewayKeys;
  participants: ReadonlyMap<string, Participant>;
  agreements: ReadonlyMap<string, Agreement>;
  /** Where a participant whose endpoint is `sandbox` is reached. */
  sandboxUrl: (participant: string) => string;
  /** What deliveries to a simulated agency carry in SANDBOX_DELIVERY_HEADER (the sandbox only). */
  sandboxSecret?: string;
  send: (message: OutboundMessage) => Promise<TransportAnswer>;
  /** The channels other than swgate's own, for agreements whose `transport` names one. */
  channels?: Channels;
  /** Whom a destination's signed receipts are checked against. */
  trustStoreOf: (participantId: string) => TrustStore | undefined;
}

const FINAL_DELIVERY: ReadonlySet<DeliveryStatus> = new Set(['acknowledged', 'rejected', 'failed', 'delivered']);

/**
 * map ─ sign ─ deliver ─ receipt ─ status for one delivery. Safe to run again for the same
 * job (a crash between send and settle means a resend; destinations drop duplicates by
 * message id). Throws to ask for a retry, FinalDeliveryError when retrying cannot help.
 */
export async function deliver(deps: DeliverDeps, job: DeliveryJob, attempt: DeliveryAttempt): Promise<void> {
  const work = await findDeliveryWork(deps.store, job.exchangeId, job.destination);
  if (!work || FINAL_DELIVERY.has(work.delivery.status)) return;
  try {
    await attemptDelivery(deps, job, attempt, work);
  } catch (error) {
    if (error instanceof FinalDeliveryError || attempt.number < attempt.last) throw error;
    // The last attempt failed in a way no answer explains (a document that cannot be rendered,
    // a bug): the delivery ends `failed` with the reason, rather than stay `queued` with its job gone.
    const reason = `the delivery could not be made: ${(error as Error).message}`;
    await settleAndRecord(deps, job.exchangeId, job.destination, {
      status: 'failed',
      lastError: reason,
      from: ['queued', 'in-flight', 'retrying'],
      sentSha256: work.delivery.sent_sha256 ?? work.original.sha256,
      originalSha256: work.original.sha256,
    });
    throw new FinalDeliveryError(reason);
  }
}

async function attemptDelivery(deps: DeliverDeps, job: DeliveryJob, attempt: DeliveryAttempt, work: DeliveryWork): Promise<void> {
  const { delivery, scenario, original } = work;
  const destination = deps.participants.get(job.destination);
  const agreement = deps.agreements.get(delivery.agreement_id);
  const settle = (s: Settlement) =>
    // Only this attempt's own word: an acknowledgement may have come in while it was in flight.
    settleAndRecord(deps, job.exchangeId, job.destination, { from: ['queued', 'in-flight', 'retrying'], sentSha256, originalSha256: original.sha256, ...s });
  let sentSha256 = original.sha256;
  // A channel finds its own way to the destination (an AS4 partner may pull what waits for it).
  if (!destination || !agreement || (!destination.endpoint && agreement.transport === 'swgate')) {
    await settle({ status: 'failed', lastError: 'The destination or its agreement is no longer configured.' });
    throw new FinalDeliveryError(`delivery ${job.exchangeId} → ${job.destination} cannot be made`);
  }

  // The attempt is on record, with the digest of what it sends, before anything is sent: an
  // acknowledgement may come back before the answer does.
  const attemptStarting = (sha256: string): DeliveryChange => ({
    status: 'in-flight',
    attempts: attempt.number,
    sentSha256: sha256,
    at: deps.now().toISOString(),
  });
  let outgoing: Outgoing;
  try {
    outgoing = await outgoingDocument(deps, job, work, agreement.signing, attemptStarting);
  } catch (error) {
    if (!(error instanceof RejectionError)) throw error;
    await settle({
      status: 'failed',
      lastError: `The document cannot be put in ${job.destination}'s form: ${error.findings.map((f) => f.message).join('; ')}`,
    });
    throw new FinalDeliveryError(error.message);
  }

  const toSandbox = destination.endpoint === 'sandbox';
  const decision = await decisionLink(deps, job, destination);
  const message: OutboundMessage = {
    url: toSandbox ? deps.sandboxUrl(destination.id) : (destination.endpoint ?? ''),
    body: outgoing.body,
    mediaType: outgoing.mediaType,
    headers: {
      'x-swgate-exchange-id': job.exchangeId,
      'x-swgate-message-id': messageIdOf(job),
      ...(toSandbox && scenario ? { 'x-sandbox-scenario': scenario } : {}),
      ...(toSandbox && deps.sandboxSecret ? { [SANDBOX_DELIVERY_HEADER]: deps.sandboxSecret } : {}),
      ...decision,
    },
    timeoutMs: agreement.delivery.timeoutMs,
    ...(destination.endpointTls ? { tls: destination.endpointTls } : {}),
  };
  sentSha256 = outgoing.sha256;

  const receiptContext: ReceiptContext = {
    messageId: messageIdOf(job),
    destination: job.destination,
    sentSha256,
    now: deps.now,
    trustStore: deps.trustStoreOf(job.destination),
  };
  const channel = agreement.transport === 'swgate' ? undefined : deps.channels?.[agreement.transport];
  if (agreement.transport !== 'swgate' && !channel) {
    await settle({ status: 'failed', lastError: `This gateway has no ${agreement.transport} channel.` });
    throw new FinalDeliveryError(`delivery ${job.exchangeId} → ${job.destination}: no ${agreement.transport} channel`);
  }
  let outcome: DeliveryOutcome;
  try {
    outcome = channel
      ? await channel({ message, receipt: receiptContext, exchangeId: job.exchangeId, documentKind: work.kind, agreement, destination })
      : await interpret(await deps.send(message), receiptContext);
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    outcome = { kind: 'retry', error: error.message };
  }

  switch (outcome.kind) {
    case 'receipt':
      await settle({ status: outcome.receipt.status === 'rejected' ? 'rejected' : 'acknowledged', receipt: outcome.receipt, lastError: null });
      return;
    case 'awaiting-acknowledgement':
      await settle({ status: 'delivered', lastError: null });
      return;
    case 'refused':
      await settle({
        status: 'rejected',
        lastError: outcome.error,
        receipt: {
          messageId: receiptContext.messageId,
          from: job.destination,
          to: GATEWAY_ID,
          status: 'rejected',
          receivedSha256: sentSha256,
          receivedAt: deps.now().toISOString(),
          findings: outcome.findings,
        },
      });
      throw new FinalDeliveryError(outcome.error);
    case 'retry': {
      const givingUp = attempt.number >= attempt.last;
      await settle({ status: givingUp ? 'failed' : 'retrying', lastError: outcome.error });
      throw givingUp ? new FinalDeliveryError(outcome.error) : new Error(outcome.error);
    }
  }
}

/**
 * Where an agency reads its own targeting decision, and its digest: a link beside the sealed
 * document, never inside it, because the sender reads every document of its exchange, the
 * sealed `to-<destination>` included (docs/RISK.md, "Decision and who sees what").
 */
async function decisionLink(deps: DeliverDeps, job: DeliveryJob, destination: Participant): Promise<Record<string, string>> {
  if (destination.kind !== 'customs' && destination.kind !== 'pga') return {};
  const name = decisionDocumentName(job.destination);
  const document = await findDocument(deps.store, job.exchangeId, name);
  if (!document) return {};
  return { 'x-swgate-risk-decision': `/v1/exchanges/${job.exchangeId}/documents/${name}`, 'x-swgate-risk-decision-sha256': document.sha256 };
}

/** What is sent, with its digest: computed once, where it is made (hashing a 60 KB envelope twice showed in profiles). */
interface Outgoing {
  body: string | Buffer;
  mediaType: string;
  sha256: string;
}

/**
 * What goes to the destination: made once — mapped or converted to its form, sealed in a signed
 * envelope when the gateway has keys — stored as `to-<destination>`, and sent byte for byte the
 * same on every retry, so its digest and message id stay one. The attempt is recorded as
 * starting, in the same commit as the document when it is made, and so are the log records of
 * its mapping and signature.
 */
async function outgoingDocument(
  deps: DeliverDeps,
  job: DeliveryJob,
  work: DeliveryWork,
  algorithm: SigningAlgorithm | undefined,
  attemptStarting: (sentSha256: string) => DeliveryChange,
): Promise<Outgoing> {
  const name = `to-${job.destination}`;
  const sources = renderSourceNames(deps.mappings, work.delivery, work.original.media_type);
  const found = await findFirstDocument(deps.store, job.exchangeId, [name, ...sources]);
  if (!found) throw new Error(`exchange ${job.exchangeId} has lost its original document`);
  const unchanged = async (outgoing: Outgoing) => {
    await saveDeliveryChange(deps.store, job.exchangeId, job.destination, attemptStarting(outgoing.sha256));
    return outgoing;
  };
  if (found.name === name) return unchanged({ body: found.content, mediaType: found.media_type, sha256: found.sha256 });
  const profiles = { source: deps.participants.get(work.sender)?.wcoNamespaces, target: deps.participants.get(job.destination)?.wcoNamespaces };
  const rendered = await renderFor(
    deps.mappings,
    { original: work.original, name: found.name as (typeof sources)[number], content: found.content },
    work.delivery,
    profiles,
  );
  const at = deps.now();
  const sealed = deps.keys
    ? await seal(
        deps.keys,
        rendered,
        {
          messageId: messageIdOf(job),
          conversationId: job.exchangeId,
          from: GATEWAY_ID,
          to: job.destination,
          documentKind: work.kind,
          createdAt: at.toISOString(),
        },
        algorithm,
      )
    : undefined;
  if (!sealed && rendered.name === 'original') return unchanged(rendered);
  const made = sealed ?? rendered;
  const sha256 = sealed ? sealed.sha256 : rendered.sha256;
  const outgoing = { body: made.body, mediaType: made.mediaType, sha256 };
  const row = { exchange_id: job.exchangeId, name, media_type: outgoing.mediaType, sha256, created_at: at.toISOString() };
  // An envelope of the original is stored without it (the original is stored already): half of what an XML delivery would write.
  const document: OutgoingDocumentRow =
    sealed?.withoutPayload && rendered.name === 'original'
      ? { ...row, content: sealed.withoutPayload.text, payload: { document: 'original', offset: sealed.withoutPayload.offset } }
      : { ...row, content: typeof outgoing.body === 'string' ? outgoing.body : outgoing.body.toString('utf8') };
  const gateway = { participant: GATEWAY_ID };
  const original = { contentSha256: work.original.sha256, name: 'original' };
  const renderedEntity = { contentSha256: rendered.sha256, name: sealed ? `${name}.payload` : name, mediaType: rendered.mediaType };
  const records: RecordInput[] = [
    ...(rendered.derivedFrom
      ? [
          {
            exchangeId: job.exchangeId,
            event: 'mapped' as const,
            time: at,
            destination: job.destination,
            entity: renderedEntity,
            used: [original],
            agent: gateway,
            derivedFrom: rendered.derivedFrom,
          },
        ]
      : []),
    ...(sealed
      ? [
          {
            exchangeId: job.exchangeId,
            event: 'signed' as const,
            time: at,
            destination: job.destination,
            entity: { contentSha256: sha256, name, mediaType: sealed.mediaType },
            used: [renderedEntity],
            agent: { ...gateway, certificateFingerprint: fingerprintOf(sealed.key) },
          },
        ]
      : []),
  ];
  const stored = await insertOutgoingDocument(deps.store, document, { destination: job.destination, ...attemptStarting(sha256) }, (transaction) =>
    deps.recordProvenance(transaction, records),
  );
  if (!stored) return outgoingDocument(deps, job, work, algorithm, attemptStarting);
  return outgoing;
}

const fingerprintOf = (key: SigningKey) => key.certificate.fingerprint256.replaceAll(':', '').toLowerCase();

/** What a destination's answer means: a receipt that holds for what was sent, a promise of one, a refusal, or a reason to retry. */
export async function interpret(answer: TransportAnswer, ctx: ReceiptContext): Promise<DeliveryOutcome> {
  if (answer.status >= 500 || answer.status === 429 || answer.status === 408) return { kind: 'retry', error: `destination answered ${answer.status}` };
  if (answer.status >= 400) {
    const error = `destination refused the delivery with ${answer.status}`;
    return {
      kind: 'refused',
      error,
      findings: findingsOf(answer.body) ?? [{ severity: 'error', code: 'delivery.refused', message: `${error}: ${answer.body.slice(0, 500)}`, path: '' }],
    };
  }
  if (answer.mediaType.startsWith('application/jose')) return takeReceipt(ctx, answer.body.trim());
  let receipt: { status?: string } | undefined;
  try {
    receipt = JSON.parse(answer.body) as { status?: string };
  } catch {
    receipt = undefined;
  }
  // 202 without a receipt: the destination acknowledges later through POST /v1/acknowledgements.
  if (answer.status === 202 && (receipt?.status === undefined || receipt.status === 'pending')) return { kind: 'awaiting-acknowledgement' };
  if (!receipt || typeof receipt !== 'object') return { kind: 'retry', error: 'the destination answered without a readable receipt' };
  return takeReceipt(ctx, receipt);
}

function findingsOf(body: string): Finding[] | undefined {
  try {
    const parsed = JSON.parse(body) as { findings?: Finding[] };
    return Array.isArray(parsed.findings) && parsed.findings.length > 0 ? parsed.findings : undefined;
  } catch {
    return undefined;
  }
}
