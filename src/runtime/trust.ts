import { createHmac, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { GatewayConfig } from '../config/types.js';
import { GATEWAY_ID } from '../gateway-id.js';
import type { GatewayKeys } from '../pipeline/seal.js';
import { ensureSandboxPki, sandboxPaths } from '../trust/pki/sandbox-ca.js';
import { loadSigningKey, type SigningKey } from '../trust/pki/signing-key.js';
import { loadTrustStore, sandboxTrustStore } from '../trust/pki/trust-config.js';
import type { TrustStore } from '../trust/pki/trust-store.js';

export interface GatewayTrust {
  /**
   * The gateway's own keys: ECDSA P-256 by default, RSA for agreements that ask for rsa-sha256.
   * Absent when certsDir holds none (a deployment that signs nothing yet).
   */
  keys?: GatewayKeys;
  /** Whom a participant's signatures are checked against; undefined when none is configured. */
  storeOf(participantId: string): TrustStore | undefined;
  /** In the sandbox, the participants' own keys, with which the simulated agencies sign their receipts. */
  participantKeyOf(participantId: string): SigningKey | undefined;
  /** A participant's own certificates the gateway holds (the sandbox's, which it issued); none elsewhere: there it holds trust stores only. */
  certificatesOf(participantId: string): X509Certificate[];
  /**
   * In the sandbox, a participant's RSA key and the file of its certificate: its AS4 certificate
   * where the configuration lists none, and the key the simulated AS4 partner decrypts and signs with.
   */
  participantRsaOf(participantId: string): { key: SigningKey; certificateFile: string } | undefined;
  /** In the sandbox, what the gateway's deliveries show the simulated agencies (SANDBOX_DELIVERY_HEADER). */
  sandboxDeliverySecret?: string;
}

/**
 * Derived from the gateway's private key: the `serve` and `worker` processes of one sandbox
 * agree on it without sharing anything else, and no one without the key can compute it.
 */
function sandboxDeliverySecret(keys: GatewayTrust['keys']): string {
  if (!keys) return randomBytes(32).toString('base64url');
  return createHmac('sha256', keys.ecdsa.privateKey.export({ type: 'pkcs8', format: 'der' }))
    .update('swgate sandbox deliveries')
    .digest('base64url');
}

/**
 * The sandbox makes its PKI on first start (a CA, and keys and certificates for the gateway and
 * every participant; private keys stay out of git) and trusts every participant through its CA.
 * Elsewhere the gateway's keys are read from certsDir and trust stores from each participant's
 * `trust` configuration.
 */
export async function loadGatewayTrust(config: GatewayConfig): Promise<GatewayTrust> {
  const ids = config.participants.map((p) => p.id);
  const pki = config.sandbox ? await ensureSandboxPki(config.certsDir, ids) : sandboxPaths(config.certsDir, [GATEWAY_ID, ...ids]);
  const gateway = pki.entities[GATEWAY_ID] as (typeof pki.entities)[string];
  const hasKeys = [gateway.ecdsa, gateway.rsa].every((f) => existsSync(f.privateKey) && existsSync(f.certificate));
  const keys = hasKeys ? { ecdsa: loadSigningKey(gateway.ecdsa), rsa: loadSigningKey(gateway.rsa) } : undefined;
  const stores = new Map<string, TrustStore>();
  for (const p of config.participants) {
    if (p.trust) stores.set(p.id, loadTrustStore(p.id, p.trust, config.configDir));
    else if (config.sandbox) stores.set(p.id, sandboxTrustStore(pki, p.id));
  }
  const participantKeys = new Map<string, SigningKey>();
  const participantKeyOf = (id: string) => {
    const files = config.sandbox ? pki.entities[id]?.ecdsa : undefined;
    if (files && !participantKeys.has(id)) participantKeys.set(id, loadSigningKey(files));
    return participantKeys.get(id);
  };
  const certificatesOf = (id: string) => {
    const entity = config.sandbox ? pki.entities[id] : undefined;
    return entity ? [entity.ecdsa, entity.rsa].filter((f) => existsSync(f.certificate)).map((f) => new X509Certificate(readFileSync(f.certificate))) : [];
  };
  const rsaKeys = new Map<string, SigningKey>();
  const participantRsaOf = (id: string) => {
    const files = config.sandbox ? pki.entities[id]?.rsa : undefined;
    if (!files) return undefined;
    if (!rsaKeys.has(id)) rsaKeys.set(id, loadSigningKey(files));
    return { key: rsaKeys.get(id) as SigningKey, certificateFile: files.certificate };
  };
  return {
    ...(keys ? { keys } : {}),
    storeOf: (id) => stores.get(id),
    certificatesOf,
    participantKeyOf,
    participantRsaOf,
    ...(config.sandbox ? { sandboxDeliverySecret: sandboxDeliverySecret(keys) } : {}),
  };
}
