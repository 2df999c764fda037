import type { X509Certificate } from 'node:crypto';
import { buildErrorSignal, buildReceipt } from '../as4/build.js';
import { As4Error, as4Error } from '../as4/errors.js';
import { receiveAs4 } from '../as4/read.js';
import type { SigningKey } from '../trust/pki/signing-key.js';
import { SANDBOX_SCENARIOS, type SandboxDestinations, type SandboxScenario } from './destinations.js';

export interface SimulatedAs4Answer {
  status: 200 | 500 | 503;
  contentType: string;
  body: Buffer;
}

export interface SimulatedAs4Deps {
  destinations: SandboxDestinations;
  /** The simulated partner's own sandbox RSA key: it decrypts what the gateway encrypted for it and signs its receipts. */
  keyOf: (participant: string) => SigningKey | undefined;
  /** The gateway's RSA certificate: the only signer the simulated partner takes. */
  gatewayCertificate: X509Certificate;
}

/**
 * A sandbox destination reached over AS4 (partner-xb): it decrypts, verifies the gateway's
 * signature, keeps the payload as the other simulated agencies keep deliveries (same scenarios,
 * same copies), and answers as an access point does: the signed non-repudiation Receipt, an
 * ebMS Error for `reject`, 503 for an outage.
 */
export async function receiveSimulatedAs4(
  deps: SimulatedAs4Deps,
  participant: string,
  body: Buffer,
  contentType: string,
  headers: { messageId: string; exchangeId: string; scenario?: string },
): Promise<SimulatedAs4Answer> {
  const key = deps.keyOf(participant);
  if (!key) throw new Error(`the sandbox has no RSA key for ${participant}`);
  let received: ReturnType<typeof receiveAs4>;
  try {
    received = receiveAs4(body, {
      contentType,
      signer: deps.gatewayCertificate,
      decryption: { privateKey: key.privateKey, certificate: key.certificate },
    });
    if (!received.signature?.signer.raw.equals(deps.gatewayCertificate.raw)) throw as4Error('EBMS:0101', 'Not signed by the gateway');
    if (received.payloads.length !== 1) throw as4Error('EBMS:0003', 'One payload per message');
  } catch (error) {
    if (!(error instanceof As4Error)) throw error;
    const signal = buildErrorSignal([error], { signer: key });
    return { status: 500, contentType: signal.contentType, body: signal.body };
  }
  const payload = received.payloads[0] as (typeof received.payloads)[number];
  const scenario = SANDBOX_SCENARIOS.includes(headers.scenario as SandboxScenario) ? (headers.scenario as SandboxScenario) : undefined;
  const answer = await deps.destinations.receive(participant, {
    messageId: headers.messageId,
    exchangeId: headers.exchangeId,
    mediaType: payload.mimeType,
    body: payload.content,
    ...(scenario ? { scenario } : {}),
  });
  if (answer.status === 503) return { status: 503, contentType: 'application/soap+xml; charset=UTF-8', body: Buffer.alloc(0) };
  if (scenario === 'reject') {
    const refusal = as4Error(
      'EBMS:0003',
      'The simulated partner refuses the document (X-Sandbox-Scenario: reject).',
      received.message.userMessage?.info.messageId,
    );
    const signal = buildErrorSignal([refusal], { signer: key });
    return { status: 500, contentType: signal.contentType, body: signal.body };
  }
  const receipt = buildReceipt(received, { signer: key });
  return { status: 200, contentType: receipt.contentType, body: receipt.body };
}
