import type { X509Certificate } from 'node:crypto';
import type { Party } from '../as4/message.js';
import type { As4Party, As4Self, Participant } from '../config/types.js';
import { currentAt, type DatedCertificate, datedCertificates, validAt } from './certificates.js';

/** Who the access point talks to: the configured AS4 parties, each with its dated certificates. */
export interface As4Parties {
  self: As4Self;
  /** The participant an eb:From names, by party id (and type, when both give one). */
  byPartyId(partyIds: ReadonlyArray<{ value: string; type?: string }>): Participant | undefined;
  /** Every certificate of the participant valid at `at` (a rollover has two). */
  certificatesAt(participant: Participant, at: Date): X509Certificate[];
  /** The one to encrypt for at `at`: the newest valid. */
  currentCertificate(participant: Participant, at: Date): X509Certificate | undefined;
  /** Every configured party's certificates valid at `at`: who may have signed a signal. */
  allCertificatesAt(at: Date): X509Certificate[];
  /** The participant one of whose certificates valid at `at` is `certificate` (signals name no party: their signer does). */
  bySigner(certificate: X509Certificate, at: Date): Participant | undefined;
}

/**
 * The parties of the configuration. `sandboxCertificate` gives, in the sandbox only, a
 * participant's own sandbox RSA certificate where its configuration lists none.
 */
export function as4Parties(self: As4Self, participants: readonly Participant[], sandboxCertificate?: (id: string) => string | undefined): As4Parties {
  const dated = new Map<string, DatedCertificate[]>();
  for (const p of participants) {
    if (!p.as4) continue;
    const sandbox = p.as4.certificates.length === 0 ? sandboxCertificate?.(p.id) : undefined;
    dated.set(p.id, datedCertificates(sandbox ? [{ file: sandbox }] : p.as4.certificates));
  }
  const of = (p: Participant) => dated.get(p.id) ?? [];
  const withAs4 = participants.filter((p) => p.as4);
  return {
    self,
    byPartyId: (partyIds) =>
      withAs4.find((p) =>
        partyIds.some((id) => id.value === p.as4?.partyId && (id.type === undefined || p.as4.partyIdType === undefined || id.type === p.as4.partyIdType)),
      ),
    certificatesAt: (p, at) => validAt(of(p), at),
    currentCertificate: (p, at) => currentAt(of(p), at),
    allCertificatesAt: (at) => withAs4.flatMap((p) => validAt(of(p), at)),
    bySigner: (certificate, at) => withAs4.find((p) => validAt(of(p), at).some((c) => c.raw.equals(certificate.raw))),
  };
}

/** An ebMS party as eb:From / eb:To write it. */
export function ebmsParty(party: Pick<As4Party, 'partyId' | 'partyIdType' | 'role'>): Party {
  return { partyIds: [{ value: party.partyId, ...(party.partyIdType ? { type: party.partyIdType } : {}) }], role: party.role };
}

/** The AS4 MessageId of a delivery: its message id (`<exchange>.<destination>`) in the gateway's domain, the same on every retry. */
export const as4MessageId = (deliveryMessageId: string, self: As4Self) => `${deliveryMessageId}@${self.messageIdDomain}`;

/** The delivery message id an AS4 MessageId of this gateway stands for; undefined for another domain's. */
export function deliveryMessageIdOf(as4MessageIdValue: string, self: As4Self): string | undefined {
  const suffix = `@${self.messageIdDomain}`;
  return as4MessageIdValue.endsWith(suffix) ? as4MessageIdValue.slice(0, -suffix.length) : undefined;
}
