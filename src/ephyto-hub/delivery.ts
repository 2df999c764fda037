/**
 * Outbound: the channel for agreements whose `transport` is `ephyto-hub`, and the follow-up of
 * what the hub says became of each envelope (GetEnvelopeTrackingInfo) until its state is final,
 * settled through the pipeline's own settle path. Mapping (lpco-to-sps), sealing, retries and
 * provenance stay the pipeline's: this module carries the certificate and reads the hub's word.
 *
 * | HUBTrackingInfo        | swgate delivery status                                        |
 * |------------------------|---------------------------------------------------------------|
 * | PendingDelivery        | delivered (awaiting the importing NPPO's acknowledgement)     |
 * | Delivered              | acknowledged (receipt accepted)                               |
 * | DeliveredWithWarnings  | acknowledged (receipt accepted-with-warnings, the hub's words) |
 * | FailedDelivery         | rejected (receipt rejected, the hub's words as findings)      |
 * | DeliveredNotReadable   | rejected (likewise)                                           |
 * | EnvelopeNotExists      | failed (the hub has no such envelope)                         |
 */
import type { EphytoHubSettings, Participant } from '../config/types.js';
import { type Finding, finding, RejectionError } from '../findings.js';
import { GATEWAY_ID } from '../gateway-id.js';
import { firstChild, parseXml, textOf } from '../documents/xml/parse.js';
import type { Channel, ChannelDelivery, DeliveryOutcome } from '../pipeline/channel.js';
import type { Receipt } from '../pipeline/receipts.js';
import { type SettleDeps, type Settlement, settleAndRecord } from '../pipeline/settle.js';
import { findDeliveryWork } from '../store/exchanges.js';
import { messageIdOf } from '../pipeline/vocabulary.js';
import { ENVELOPE_NS } from '../trust/envelope.js';
import { type HubEndpoint, deliverEnvelope, trackingInfo } from './client.js';
import { certificateFacts, HubAnswerError, HubFault, type HubEnvelopeHeader, headerFor, isTrackingState, type TrackingState } from './envelope.js';
import type { HubDb } from './tables.js';

export interface HubDeps {
  db: HubDb;
  settings: EphytoHubSettings;
  /** The hub's DeliveryService as seen by this NPPO (the simulated hub's when the participant's endpoint is `sandbox`). */
  endpointOf: (hub: Participant, timeoutMs?: number) => HubEndpoint | Promise<HubEndpoint>;
  now: () => Date;
}

const FINAL: ReadonlySet<TrackingState> = new Set(['Delivered', 'DeliveredWithWarnings', 'FailedDelivery', 'DeliveredNotReadable', 'EnvelopeNotExists']);

/**
 * The SPS certificate a delivery carries. The pipeline seals what it sends in swgate's signed
 * envelope (kept as the exchange's `to-<destination>`, with its provenance); the hub and the
 * importing NPPO take the certificate itself, so the channel sends the payload it seals. The
 * hub knows the sender by its TLS client certificate.
 */
function certificateOf(delivery: ChannelDelivery, maxBytes: number): string {
  const { body } = delivery.message;
  const root = parseXml(Buffer.isBuffer(body) ? body : Buffer.from(body), { maxBytes });
  if (root.ns !== ENVELOPE_NS || root.name !== 'Envelope') return typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const payload = firstChild(root, ENVELOPE_NS, 'Payload');
  if (!payload) throw new RejectionError(422, 'Not a certificate', [finding('ephyto-hub.no-payload', 'The sealed envelope carries no payload')]);
  const encoded = payload.attrs.find((a) => a.name === 'encoding' && a.ns === '')?.value === 'base64';
  return encoded ? Buffer.from(textOf(payload), 'base64').toString('utf8') : textOf(payload);
}

/** What a tracking state means for a delivery: a receipt, a promise of one, a refusal, or that there is nothing there. */
function outcomeOfState(header: HubEnvelopeHeader, receipt: Pick<Receipt, 'messageId' | 'from' | 'receivedSha256'>, at: Date): DeliveryOutcome {
  const state = header.trackingInfo ?? 'PendingDelivery';
  const said = header.errorMessage ? `: ${header.errorMessage}` : '';
  const made = (status: Receipt['status'], findings: Finding[]): DeliveryOutcome => ({
    kind: 'receipt',
    receipt: { ...receipt, to: GATEWAY_ID, status, receivedAt: at.toISOString(), findings },
  });
  switch (state) {
    case 'PendingDelivery':
      return { kind: 'awaiting-acknowledgement' };
    case 'Delivered':
      return made('accepted', []);
    case 'DeliveredWithWarnings':
      return made('accepted-with-warnings', [
        finding('ephyto-hub.delivered-with-warnings', `The importing NPPO took the envelope with warnings${said}`, '', 'warning'),
      ]);
    case 'FailedDelivery':
    case 'DeliveredNotReadable':
      return {
        kind: 'refused',
        error: `the ePhyto hub reports ${state}${said}`,
        findings: [finding(`ephyto-hub.${state === 'FailedDelivery' ? 'failed-delivery' : 'not-readable'}`, `The ePhyto hub reports ${state}${said}`)],
      };
    default:
      // EnvelopeNotExists, or a state the WSDL does not list: nothing the importer could have taken.
      return { kind: 'retry', error: `the ePhyto hub reports ${isTrackingState(state) ? state : `an unknown state "${state.slice(0, 40)}"`} for the envelope` };
  }
}

/** The channel: one attempt delivers the certificate to the hub, or asks the hub about the copy it already holds. */
export function hubChannel(deps: HubDeps): Channel {
  return async (delivery) => {
    const endpoint = await deps.endpointOf(delivery.destination, delivery.message.timeoutMs);
    const receipt = { messageId: delivery.receipt.messageId, from: delivery.destination.id, receivedSha256: delivery.receipt.sentSha256 };
    const known = await deps.db
      .selectFrom('ephyto_hub_deliveries')
      .selectAll()
      .where('exchange_id', '=', delivery.exchangeId)
      .where('destination', '=', delivery.destination.id)
      .executeTakeFirst();
    try {
      if (known) {
        // A resend (the reconciler's, after the receipt timeout, or after a crash): the hub holds the copy already.
        const header = await trackingInfo(endpoint, known.hub_delivery_number);
        await recordState(deps, delivery.exchangeId, delivery.destination.id, header);
        return outcomeOfState(header, receipt, deps.now());
      }
      let certificate: string;
      let header: HubEnvelopeHeader;
      try {
        certificate = certificateOf(delivery, deps.settings.maxEnvelopeBytes);
        header = headerFor(certificateFacts(parseXml(certificate, { maxBytes: deps.settings.maxEnvelopeBytes })));
      } catch (error) {
        if (!(error instanceof RejectionError)) throw error;
        return { kind: 'refused', error: 'the document is no SPS certificate the hub could carry', findings: error.findings };
      }
      if (header.from !== deps.settings.country) {
        return {
          kind: 'refused',
          error: `the certificate is exported from ${header.from}; this gateway speaks on the hub for ${deps.settings.country} only`,
          findings: [finding('ephyto-hub.not-our-export', `The certificate's export country is ${header.from}, not ${deps.settings.country}`)],
        };
      }
      const answer = await deliverEnvelope(endpoint, deps.settings.deliverWith, header, certificate, deps.settings.content);
      if (!answer.hubDeliveryNumber) return { kind: 'retry', error: 'the ePhyto hub answered without a hubDeliveryNumber' };
      const at = deps.now().toISOString();
      const state = answer.trackingInfo ?? 'PendingDelivery';
      await deps.db
        .insertInto('ephyto_hub_deliveries')
        .values({
          exchange_id: delivery.exchangeId,
          destination: delivery.destination.id,
          hub_delivery_number: answer.hubDeliveryNumber,
          state,
          delivered_at: at,
          checked_at: at,
        })
        .onConflict((oc) => oc.columns(['exchange_id', 'destination']).doNothing())
        .execute();
      return outcomeOfState({ ...answer, trackingInfo: state }, receipt, deps.now());
    } catch (error) {
      if (error instanceof HubFault) return { kind: 'refused', error: error.message, findings: error.findings };
      if (error instanceof HubAnswerError) return { kind: 'retry', error: error.message };
      throw error;
    }
  };
}

/** The state as the hub last gave it; one the WSDL does not list is not recorded (it is asked again next time). */
async function recordState(deps: HubDeps, exchangeId: string, destination: string, header: HubEnvelopeHeader): Promise<void> {
  if (header.trackingInfo !== undefined && !isTrackingState(header.trackingInfo)) return;
  await deps.db
    .updateTable('ephyto_hub_deliveries')
    .set({ state: header.trackingInfo ?? 'PendingDelivery', checked_at: deps.now().toISOString() })
    .where('exchange_id', '=', exchangeId)
    .where('destination', '=', destination)
    .execute();
}

export interface FollowDeps extends HubDeps, SettleDeps {
  participants: ReadonlyMap<string, Participant>;
}

export interface FollowSummary {
  checked: number;
  settled: number;
  errors: number;
}

/**
 * One pass over the envelopes still pending on the hub (oldest checked first, at most `limit`):
 * each one's state asked of the hub, and a final state settled as the delivery's receipt,
 * rejection or failure. Safe to run in several workers at once: a settlement names the states
 * it may move from, so the second one changes nothing.
 */
export async function followHubDeliveries(deps: FollowDeps, limit = 100): Promise<FollowSummary> {
  const pending = await deps.db
    .selectFrom('ephyto_hub_deliveries')
    .selectAll()
    .where('state', '=', 'PendingDelivery')
    .orderBy('checked_at')
    .limit(limit)
    .execute();
  const summary = { checked: 0, settled: 0, errors: 0 };
  for (const row of pending) {
    const hub = deps.participants.get(row.destination);
    if (!hub) continue;
    let header: HubEnvelopeHeader;
    try {
      header = await trackingInfo(await deps.endpointOf(hub), row.hub_delivery_number);
    } catch {
      // The hub unreachable, a HubWebException, garbage: asked again on the next pass.
      summary.errors += 1;
      continue;
    }
    const state = header.trackingInfo;
    if (!isTrackingState(state)) {
      summary.errors += 1;
      continue;
    }
    summary.checked += 1;
    await recordState(deps, row.exchange_id, row.destination, header);
    if (!FINAL.has(state)) continue;
    if (await settleState(deps, row.exchange_id, row.destination, header)) summary.settled += 1;
  }
  return summary;
}

async function settleState(deps: FollowDeps, exchangeId: string, destination: string, header: HubEnvelopeHeader): Promise<boolean> {
  const work = await findDeliveryWork(deps.store, exchangeId, destination);
  if (!work?.delivery.sent_sha256) return false;
  const sentSha256 = work.delivery.sent_sha256;
  const messageId = messageIdOf({ exchangeId, destination });
  const outcome = outcomeOfState(header, { messageId, from: destination, receivedSha256: sentSha256 }, deps.now());
  const base = { from: ['queued', 'in-flight', 'retrying', 'delivered'] as const, sentSha256, originalSha256: work.original.sha256 };
  let settlement: Settlement;
  if (outcome.kind === 'receipt') settlement = { status: 'acknowledged', receipt: outcome.receipt, lastError: null };
  else if (outcome.kind === 'refused') {
    settlement = {
      status: 'rejected',
      lastError: outcome.error,
      receipt: {
        messageId,
        from: destination,
        to: GATEWAY_ID,
        status: 'rejected',
        receivedSha256: sentSha256,
        receivedAt: deps.now().toISOString(),
        findings: outcome.findings,
      },
    };
  } else if (header.trackingInfo === 'EnvelopeNotExists')
    settlement = { status: 'failed', lastError: 'the ePhyto hub reports EnvelopeNotExists for the envelope' };
  else return false;
  const settled = await settleAndRecord(deps, exchangeId, destination, { ...base, ...settlement });
  return settled.applied;
}
