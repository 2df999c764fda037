/**
 * Inbound: the certificates other NPPOs sent this country through the hub. Each pass lists the
 * import envelope headers, pulls each envelope, registers its certificate as an e-LPCO through
 * the e-LPCO lodging pipeline (sps-to-lpco, the hub participant as issuer), and acknowledges it:
 *
 * | what was pulled                                   | acknowledgement                                             |
 * |---------------------------------------------------|-------------------------------------------------------------|
 * | readable, registered without warnings            | AcknowledgeEnvelopeReceipt                                  |
 * | registered with warnings, or readable but refused | AdvancedAcknowledgeEnvelopeReceipt (the findings' messages) |
 * | content empty                                     | AcknowledgeFailedEnvelopeReceipt ("…is empty")              |
 * | content not XML, DTD markup, too large            | AcknowledgeFailedEnvelopeReceipt ("…is not readable")       |
 * | PULLSingleImportEnvelope gave nothing             | AcknowledgeFailedEnvelopeReceipt ("Could not read…")        |
 * | registering failed for another reason (database)  | none: the envelope stays on the hub for the next pass       |
 *
 * Idempotent: an envelope is decided once (ephyto_hub_imports, keyed by hubDeliveryNumber), and
 * the e-LPCO lodged under an idempotency key made of that number, so a crash between
 * registering and recording re-reads the same exchange; an envelope listed again is acknowledged
 * again with the answer recorded, never registered twice.
 */
import type { Participant } from '../config/types.js';
import { type Finding, RejectionError } from '../findings.js';
import { TransportError } from '../http-client.js';
import { parseXml } from '../documents/xml/parse.js';
import type { IngestResult } from '../pipeline/ingest.js';
import type { Lodgement } from '../pipeline/lodge.js';
import { type AcknowledgementKind, acknowledgeEnvelope, type HubEndpoint, importHeaders, pullEnvelope } from './client.js';
import { certificateFacts, type HubEnvelope, headerMismatches } from './envelope.js';
import type { HubDeps } from './delivery.js';

export interface PullDeps extends HubDeps {
  /** The participant standing for the hub: the issuer of what is pulled. */
  hub: Participant;
  lodge: (lodgement: Lodgement) => Promise<IngestResult>;
}

export interface PullSummary {
  listed: number;
  registered: number;
  refused: number;
  failed: number;
  /** Envelopes decided before and listed again: acknowledged again. */
  reacknowledged: number;
  /** Envelopes left for the next pass (the hub or the database did not answer). */
  errors: number;
}

/** The hub's own wording for the failed acknowledgements, as NPPO clients send them. */
const FAILED_MESSAGES = {
  empty: 'The content of the envelope from the hub is empty',
  unreadable: 'The XML content in the envelope is not readable',
  missing: 'Could not read the envelope from the hub',
} as const;

interface Decision {
  outcome: 'registered' | 'refused' | keyof typeof FAILED_MESSAGES;
  acknowledgement: AcknowledgementKind;
  message?: string;
  exchangeId?: string;
}

// The idempotency key is made of it, and it is echoed to the hub: a hub's number is a short token.
const DELIVERY_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MAX_ACK_MESSAGE = 2000;

/** One pass: every import envelope listed, each decided and acknowledged once. Throws only when the list itself cannot be had. */
export async function pullFromHub(deps: PullDeps): Promise<PullSummary> {
  const endpoint = await deps.endpointOf(deps.hub, deps.settings.timeoutMs);
  const headers = await importHeaders(endpoint, deps.settings.country);
  const summary: PullSummary = { listed: headers.length, registered: 0, refused: 0, failed: 0, reacknowledged: 0, errors: 0 };
  for (const header of headers) {
    const number = header.hubDeliveryNumber;
    if (!number || !DELIVERY_NUMBER.test(number)) {
      summary.errors += 1;
      continue;
    }
    try {
      await takeEnvelope(deps, endpoint, number, summary);
    } catch {
      summary.errors += 1;
    }
  }
  return summary;
}

async function takeEnvelope(deps: PullDeps, endpoint: HubEndpoint, number: string, summary: PullSummary): Promise<void> {
  const known = await deps.db.selectFrom('ephyto_hub_imports').selectAll().where('hub_delivery_number', '=', number).executeTakeFirst();
  if (known) {
    await acknowledgeEnvelope(endpoint, known.acknowledgement as AcknowledgementKind, number, known.message ?? undefined);
    await markAcknowledged(deps, number);
    summary.reacknowledged += 1;
    return;
  }
  const { decision, envelope } = await decide(deps, endpoint, number);
  await deps.db
    .insertInto('ephyto_hub_imports')
    .values({
      hub_delivery_number: number,
      from_country: envelope?.from.slice(0, 64) ?? '',
      certificate_number: envelope?.nppoCertificateNumber.slice(0, 256) ?? '',
      outcome: decision.outcome,
      exchange_id: decision.exchangeId ?? null,
      acknowledgement: decision.acknowledgement,
      message: decision.message ?? null,
      pulled_at: deps.now().toISOString(),
      acknowledged_at: null,
    })
    .onConflict((oc) => oc.column('hub_delivery_number').doNothing())
    .execute();
  await acknowledgeEnvelope(endpoint, decision.acknowledgement, number, decision.message);
  await markAcknowledged(deps, number);
  if (decision.outcome === 'registered') summary.registered += 1;
  else if (decision.outcome === 'refused') summary.refused += 1;
  else summary.failed += 1;
}

const markAcknowledged = (deps: PullDeps, number: string) =>
  deps.db.updateTable('ephyto_hub_imports').set({ acknowledged_at: deps.now().toISOString() }).where('hub_delivery_number', '=', number).execute();

const failed = (outcome: keyof typeof FAILED_MESSAGES): Decision => ({
  outcome,
  acknowledgement: 'AcknowledgeFailedEnvelopeReceipt',
  message: FAILED_MESSAGES[outcome],
});

const joined = (findings: Finding[]) => {
  const text = findings.map((f) => f.message).join('; ');
  return text.length > MAX_ACK_MESSAGE ? `${text.slice(0, MAX_ACK_MESSAGE)}…` : text;
};

async function decide(deps: PullDeps, endpoint: HubEndpoint, number: string): Promise<{ decision: Decision; envelope?: HubEnvelope }> {
  let envelope: HubEnvelope | undefined;
  try {
    envelope = await pullEnvelope(endpoint, number);
  } catch (error) {
    // Larger than this NPPO takes: it will not become readable by asking again.
    if (error instanceof TransportError && error.reason === 'too-large') return { decision: failed('unreadable') };
    throw error;
  }
  if (!envelope) return { decision: failed('missing') };
  const certificate = contentOf(envelope.content, deps.settings.maxEnvelopeBytes);
  if (certificate === 'empty' || certificate === 'unreadable') return { decision: failed(certificate), envelope };

  let refusal: Finding[];
  try {
    const facts = certificateFacts(parseXml(certificate, { maxBytes: deps.settings.maxEnvelopeBytes }));
    refusal = headerMismatches(envelope, facts);
    // The hub vouches for the sending NPPO only: the certificate is registered as issued by the country it came from.
    if (facts.issuerCountry !== envelope.from)
      refusal.push({
        severity: 'error',
        code: 'ephyto-hub.issuer-mismatch',
        message: `The certificate's issuer is in ${facts.issuerCountry}; the hub delivered it from ${envelope.from}`,
        path: '/Envelope/From',
      });
    if (envelope.to !== deps.settings.country)
      refusal.push({
        severity: 'error',
        code: 'ephyto-hub.not-ours',
        message: `The envelope is addressed to ${envelope.to}, not ${deps.settings.country}`,
        path: '/Envelope/To',
      });
  } catch (error) {
    if (!(error instanceof RejectionError)) throw error;
    // The scanner's verdicts (not well-formed, DTD, too deep) make it unreadable; a readable document that is no certificate is refused.
    if (error.status === 400) return { decision: failed('unreadable'), envelope };
    refusal = error.findings;
  }
  if (refusal.length > 0)
    return { decision: { outcome: 'refused', acknowledgement: 'AdvancedAcknowledgeEnvelopeReceipt', message: joined(refusal) }, envelope };

  try {
    const result = await deps.lodge({ sender: deps.hub, body: certificate, format: 'wco-xml', idempotencyKey: `ephyto-hub-${number}` });
    const warnings = result.findings.filter((f) => f.severity !== 'info');
    return {
      decision:
        warnings.length > 0
          ? { outcome: 'registered', acknowledgement: 'AdvancedAcknowledgeEnvelopeReceipt', message: joined(warnings), exchangeId: result.exchangeId }
          : { outcome: 'registered', acknowledgement: 'AcknowledgeEnvelopeReceipt', exchangeId: result.exchangeId },
      envelope,
    };
  } catch (error) {
    if (!(error instanceof RejectionError)) throw error;
    return { decision: { outcome: 'refused', acknowledgement: 'AdvancedAcknowledgeEnvelopeReceipt', message: joined(error.findings) }, envelope };
  }
}

const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/**
 * The certificate's bytes from `Content`: XML as text, or base64 of it (NPPOs send either). Too
 * large, or base64 that decodes to no XML, is unreadable; whether the XML parses is checked after.
 */
export function contentOf(content: string | undefined, maxBytes: number): Buffer | 'empty' | 'unreadable' {
  const trimmed = content?.trim() ?? '';
  if (trimmed === '') return 'empty';
  if (trimmed.length > Math.ceil(maxBytes * 1.4)) return 'unreadable';
  if (trimmed.startsWith('<')) return Buffer.from(trimmed, 'utf8');
  if (!BASE64.test(trimmed)) return 'unreadable';
  const decoded = Buffer.from(trimmed, 'base64');
  if (decoded.length > maxBytes) return 'unreadable';
  const text = decoded
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return text.startsWith('<') ? decoded : 'unreadable';
}
