/**
 * Competent authorities: a participant registers an e-LPCO only for the document codes its
 * configuration names (`issues`), and only in the name of an issuer listed there — the country,
 * and the agency when one is given — so no one registers a number before the competent
 * authority does, or issues in another administration's name.
 */
import type { Participant } from '../config/types.js';
import { finding, type Finding } from '../findings.js';
import type { Lpco } from './lpco.js';

/** Why `participant` may not issue `lpco`; empty when it may. */
export function authorityFindings(participant: Participant, lpco: Lpco): Finding[] {
  const competent = participant.issues.filter((i) => i.documentCodes.includes(lpco.documentCode));
  if (competent.length === 0) {
    return [finding('lpco.not-competent', `${participant.id} is not a competent authority for ${lpco.documentCode} documents`, '/documentCode')];
  }
  const names = competent.flatMap((i) => i.inNameOf);
  const { country, agency } = lpco.issuer;
  if (names.some((n) => n.country === country && (n.agency === undefined || n.agency === agency))) return [];
  const allowed = names.map((n) => (n.agency ? `${n.agency} (${n.country})` : n.country)).join(', ');
  return [
    finding(
      'lpco.issuer-not-yours',
      `The document names ${agency} (${country}) as issuer; ${participant.id} issues ${lpco.documentCode} documents in the name of ${allowed} only`,
      '/issuer',
    ),
  ];
}
