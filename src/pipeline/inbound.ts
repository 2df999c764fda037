import type { Participant } from '../config/types.js';
import { GATEWAY_ID } from '../gateway-id.js';
import { finding, RejectionError } from '../findings.js';
import { receiptKey, verifyPartnerEnvelope, type VerifiedEnvelope } from '../trust/inbound.js';
import { receivedDigest, signReceipt } from '../trust/receipt.js';
import type { SigningKey } from '../trust/pki/signing-key.js';
import type { TrustStore } from '../trust/pki/trust-store.js';
import type { MappingCatalogue } from '../mapping/catalogue.js';
import { type ValidationOptions, validationFor } from '../validation/validate-document.js';
import type { IngestRequest, IngestResult } from './ingest.js';
import { readDeclaration, readLpcoDocument } from './readers.js';
import type { DocumentFormat } from './vocabulary.js';

export interface InboundDeps {
  trustStoreOf: (participantId: string) => TrustStore | undefined;
  ingest: (req: IngestRequest) => Promise<IngestResult>;
  validation: ValidationOptions;
  mappings: MappingCatalogue;
  /** Signs receipts; without it the gateway cannot answer partners. */
  gatewayKey: SigningKey | undefined;
  now: () => Date;
}

export interface InboundResult {
  result: IngestResult;
  /** Compact JWS: the gateway's signed receipt for exactly the bytes received. */
  receipt: string;
}

/**
 * A partner gateway's signed envelope: verified against that partner's own trust store, addressed
 * to this gateway (a message signed for another party is not ours to act on), its payload read
 * only from what was signed, then validated and routed like any document, with the
 * envelope's MessageId as idempotency key. The answer carries a signed receipt for the digest
 * of what was received (non-repudiation of receipt).
 */
export async function receiveInbound(
  deps: InboundDeps,
  partner: Participant,
  body: Buffer,
  contentType: string,
  /** `as4`: the envelope came in an AS4 UserMessage whose signed eb:To named this gateway; the envelope's own `to` is the sender's name for it. */
  carriedBy: 'http' | 'as4' = 'http',
): Promise<InboundResult> {
  const gatewayKey = receiptKey(deps.gatewayKey);
  const verified = await verifyPartnerEnvelope(body, contentType, partner.id, deps.trustStoreOf, deps.now(), carriedBy);
  const payload = signedPayload(verified);
  const documentKind = documentKindOf(verified);
  // A partner country's certificate enters the registry with the partner as its issuer.
  const read =
    documentKind === 'lpco'
      ? () => readLpcoDocument(payload.body, payload.format, deps.mappings, partner)
      : () => readDeclaration(payload.body, payload.format, validationFor(deps.validation, partner), partner);
  const result = await deps.ingest({
    sender: partner,
    documentKind,
    body,
    mediaType: contentType,
    receivedAs: 'envelope',
    read,
    idempotencyKey: verified.header.messageId,
    idempotentContent: payload.body,
    signature: { evidence: verified.evidence, certificateFingerprint: verified.evidence.certificateFingerprint },
  });
  const receipt = await signReceipt(
    // ePhyto practice: delivered, or delivered with warnings (a document that cannot be read is refused outright).
    {
      messageId: verified.header.messageId,
      from: GATEWAY_ID,
      to: partner.id,
      status: result.findings.length > 0 ? 'accepted-with-warnings' : 'accepted',
      receivedSha256: receivedDigest(body),
      receivedAt: result.receivedAt,
      findings: result.findings,
    },
    gatewayKey,
  );
  return { result, receipt };
}

function documentKindOf(verified: VerifiedEnvelope): 'declaration' | 'lpco' {
  const kind = verified.header.documentKind;
  if (kind !== 'declaration' && kind !== 'lpco') {
    throw new RejectionError(422, 'Unsupported document kind', [
      finding('envelope.document-kind', `Envelopes carry declarations or e-LPCOs (lpco) here; got "${kind}".`, '/header/documentKind'),
    ]);
  }
  return kind;
}

/** The document as signed: canonical XML, the exact bytes of a base64 payload, or the JSON value. */
function signedPayload(verified: VerifiedEnvelope): { format: DocumentFormat; body: Buffer } {
  if (verified.format === 'jws') return { format: 'wco-json', body: Buffer.from(JSON.stringify(verified.payload)) };
  const body = Buffer.isBuffer(verified.payload) ? verified.payload : Buffer.from(String(verified.payload));
  return { format: verified.contentType.includes('json') ? 'wco-json' : 'wco-xml', body };
}
