import { SANDBOX_DELIVERY_HEADER } from '../sandbox/destinations.js';
import type { Kysely } from 'kysely';
import { buildUserMessage, type BuiltMessage } from '../as4/build.js';
import { As4Error } from '../as4/errors.js';
import { checkReceipt } from '../as4/receipt.js';
import type { ReceiptSignal } from '../as4/message.js';
import type { X509Certificate } from 'node:crypto';
import type { As4Leg, Participant } from '../config/types.js';
import { GATEWAY_ID } from '../gateway-id.js';
import type { Channel, ChannelDelivery, DeliveryOutcome } from '../pipeline/channel.js';
import type { OutboundMessage, TransportAnswer } from '../routing/transport.js';
import type { SigningKey } from '../trust/pki/signing-key.js';
import { as4MessageId, type As4Parties, ebmsParty } from './parties.js';
import type { AccessPointTables } from './tables.js';
import { receiveSignedBy } from './verify.js';

export interface As4ChannelDeps {
  parties: As4Parties;
  /** The gateway's RSA key: it signs what is sent, and its certificate is what partners encrypt for. */
  key: SigningKey;
  db: Kysely<AccessPointTables>;
  post: (message: OutboundMessage) => Promise<TransportAnswer>;
  /** Where the sandbox's simulated partner takes AS4 (a participant whose endpoint is `sandbox`). */
  sandboxUrl: (participant: string) => string;
  now: () => Date;
}

/** Errors after which the same message may go again (reception awareness): a passing failure at the partner, not a refusal. */
const RETRYABLE: ReadonlySet<string> = new Set(['EBMS:0004', 'EBMS:0005', 'EBMS:0006', 'EBMS:0201', 'EBMS:0202', 'EBMS:0301']);

/**
 * The AS4 channel: the sealed document as the payload of a UserMessage (MessageId the delivery's
 * message id in the gateway's domain, the same on every retry; ConversationId the exchange),
 * gzip-compressed, signed, encrypted for the partner's current certificate, and pushed; or, on a
 * pull agreement, left waiting on its MPC. A pushed one is settled by the synchronous signed
 * Receipt, checked against the partner's certificates, this MessageId and the digests sent.
 */
export function as4Channel(deps: As4ChannelDeps): Channel {
  return async (delivery) => {
    const { agreement, destination } = delivery;
    const leg = agreement.as4;
    const party = destination.as4;
    if (!leg || !party) return refused(`agreement ${agreement.id} or ${destination.id} has no AS4 configuration`);
    const at = deps.now();
    const recipient = deps.parties.currentCertificate(destination, at);
    // A certificate that lapsed is the operator's to replace: retrying lets the new one, once configured, be used.
    if (!recipient) return { kind: 'retry', error: `${destination.id} has no AS4 certificate valid at ${at.toISOString()}` };
    const built = buildFor(deps, delivery, leg, recipient);
    if (leg.mode === 'pull') {
      await holdForPull(deps, delivery, leg, built);
      return { kind: 'awaiting-acknowledgement' };
    }
    const toSandbox = party.endpoint === undefined && destination.endpoint === 'sandbox';
    const answer = await deps.post({
      url: party.endpoint ?? (toSandbox ? deps.sandboxUrl(destination.id) : delivery.message.url),
      body: built.body,
      mediaType: built.contentType,
      // The swgate headers travel along (other access points ignore them); the sandbox's secret and scenario only to the sandbox itself.
      headers: toSandbox ? delivery.message.headers : withoutSandboxHeaders(delivery.message.headers),
      timeoutMs: delivery.message.timeoutMs,
      ...(delivery.message.tls ? { tls: delivery.message.tls } : {}),
    });
    return interpretAnswer(deps, delivery, built, answer);
  };
}

function withoutSandboxHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== SANDBOX_DELIVERY_HEADER && name !== 'x-sandbox-scenario'));
}

function buildFor(deps: As4ChannelDeps, delivery: ChannelDelivery, leg: As4Leg, recipient: X509Certificate): BuiltMessage {
  const { self } = deps.parties;
  const party = delivery.destination.as4 as NonNullable<Participant['as4']>;
  return buildUserMessage(
    {
      messageId: as4MessageId(delivery.receipt.messageId, self),
      timestamp: deps.now(),
      mpc: leg.mpc,
      from: ebmsParty(self),
      to: ebmsParty(party),
      ...(leg.agreementRef ? { agreementRef: { value: leg.agreementRef } } : {}),
      service: { value: leg.service, ...(leg.serviceType ? { type: leg.serviceType } : {}) },
      action: leg.action,
      conversationId: delivery.exchangeId,
      // The four-corner properties eDelivery partners (Domibus's ecodexPropertySet) require.
      properties: [
        { name: 'originalSender', value: self.partyId },
        { name: 'finalRecipient', value: party.partyId },
      ],
    },
    [
      {
        mimeType: delivery.message.mediaType,
        content: Buffer.from(delivery.message.body),
        compress: leg.compression,
        properties: [{ name: 'documentKind', value: delivery.documentKind }],
      },
    ],
    { signer: deps.key, ...(leg.security === 'sign-encrypt' ? { recipient } : {}) },
  );
}

/** Waiting on the MPC: once per MessageId; a retry (the reconciler, no receipt came) makes it pullable again. */
async function holdForPull(deps: As4ChannelDeps, delivery: ChannelDelivery, leg: As4Leg, built: BuiltMessage): Promise<void> {
  const row = {
    message_id: built.messageId,
    exchange_id: delivery.exchangeId,
    destination: delivery.destination.id,
    mpc: leg.mpc,
    body: built.body.toString('base64'),
    content_type: built.contentType,
    signed_references: JSON.stringify(built.signedReferences),
    created_at: deps.now().toISOString(),
    pulled_at: null,
  };
  await deps.db
    .insertInto('as4_waiting')
    .values(row)
    .onConflict((oc) =>
      oc.column('message_id').doUpdateSet({ body: row.body, content_type: row.content_type, signed_references: row.signed_references, pulled_at: null }),
    )
    .execute();
}

async function interpretAnswer(deps: As4ChannelDeps, delivery: ChannelDelivery, built: BuiltMessage, answer: TransportAnswer): Promise<DeliveryOutcome> {
  const { destination } = delivery;
  const body = Buffer.from(answer.body);
  // Legs take the receipt on the response (config/load.ts refuses callback): an empty 2xx proves nothing.
  if (answer.status >= 200 && answer.status < 300 && body.length === 0) return retry(`${destination.id} answered without a receipt`);
  let received: ReturnType<typeof receiveSignedBy>;
  try {
    received = receiveSignedBy(body, { contentType: answer.mediaType }, deps.parties.certificatesAt(destination, deps.now()));
  } catch (error) {
    if (!(error instanceof As4Error)) throw error;
    if (answer.status >= 500 || answer.status === 429 || answer.status === 408) return retry(`${destination.id} answered ${answer.status}`);
    return retry(`${destination.id}'s answer is not a signal it signed: ${error.message}`);
  }
  let checked: ReturnType<typeof checkReceipt>;
  try {
    checked = checkReceipt(received.message, built);
  } catch (error) {
    if (!(error instanceof As4Error)) throw error;
    // A receipt that does not hold for what was sent proves nothing: the same message goes again.
    return retry(`${destination.id}'s answer does not hold: ${error.message}`);
  }
  if (checked.kind === 'error') {
    const summary = checked.errors.map((e) => e.message).join('; ');
    if (checked.errors.every((e) => RETRYABLE.has(e.code))) return retry(`${destination.id} answered ${summary}`);
    return {
      kind: 'refused',
      error: `${destination.id} refused the AS4 message: ${summary}`,
      findings: checked.errors.map((e) => ({ severity: 'error' as const, code: `as4.${e.code}`, message: e.detail.slice(0, 1000), path: '' })),
    };
  }
  const receipt = received.message.signals.find((s): s is ReceiptSignal => s.kind === 'receipt' && s.info.refToMessageId === built.messageId);
  if (!receipt) return retry(`${destination.id} answered no receipt for ${built.messageId}`);
  await deps.db
    .insertInto('as4_receipts')
    .values({
      message_id: built.messageId,
      exchange_id: delivery.exchangeId,
      destination: destination.id,
      receipt: body.toString('base64'),
      content_type: answer.mediaType,
      received_at: deps.now().toISOString(),
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
  return {
    kind: 'receipt',
    receipt: {
      messageId: delivery.receipt.messageId,
      from: destination.id,
      to: GATEWAY_ID,
      status: 'accepted',
      // The partner signed the digests of the (compressed, encrypted) parts; those bind the payload, whose digest is this.
      receivedSha256: delivery.receipt.sentSha256,
      receivedAt: receipt.info.timestamp,
      findings: [],
    },
  };
}

const retry = (error: string): DeliveryOutcome => ({ kind: 'retry', error });
const refused = (error: string): DeliveryOutcome => ({
  kind: 'refused',
  error,
  findings: [{ severity: 'error', code: 'as4.configuration', message: error, path: '' }],
});
