/**
 * Who may lodge for whom. A participant lodges declarations only in the name of the traders
 * its configuration says it acts for (`actsFor`); as a representative, only when the
 * declaration says so (WCO DM Agent, FunctionCode 2 direct or 3 indirect representation).
 * Administrations relay what their own traders lodged with them and identified there, so
 * their declarations' parties are not checked; their citations are (write-off.ts).
 */
import type { Participant, ParticipantKind } from '../config/types.js';
import { RejectionError, finding, type Finding } from '../findings.js';
import type { DeclarationParty } from '../lpco/citations.js';

const ADMINISTRATIONS: ReadonlySet<ParticipantKind> = new Set(['customs', 'partner-customs', 'pga']);
const REPRESENTATION: ReadonlySet<string> = new Set(['2', '3']);

/** The trader identifiers a participant acts for, as any role. */
export const actsForIds = (participant: Participant): string[] => participant.actsFor.map((a) => a.id);

/** Every party of the declaration the sender may not lodge for, as an error finding. */
export function partyFindings(sender: Participant, parties: readonly DeclarationParty[]): Finding[] {
  if (ADMINISTRATIONS.has(sender.kind)) return [];
  if (parties.length === 0) {
    return [
      finding(
        'party.none',
        'The declaration names no Declarant, Submitter, Importer or Exporter identifier: the gateway cannot tell whom it is lodged for',
        '/Declaration/Declarant/ID',
      ),
    ];
  }
  const as = new Map(sender.actsFor.map((a) => [a.id, a.as]));
  const represents = parties.some((p) => p.role === 'Agent' && p.functionCode !== undefined && REPRESENTATION.has(p.functionCode));
  return parties.flatMap((party) => {
    const role = as.get(party.id);
    if (role === undefined) return [finding('party.not-acted-for', `${sender.id} does not act for ${party.role} ${party.id}`, party.path)];
    // A representative is the Agent itself, or lodges for its principal and must say so.
    if (role === 'representative' && party.role !== 'Agent' && !represents) {
      return [
        finding(
          'party.representation-not-stated',
          `${sender.id} represents ${party.id} (${party.role}); the declaration must name it as Agent with FunctionCode 2 (direct) or 3 (indirect representation)`,
          party.path,
        ),
      ];
    }
    return [];
  });
}

/** Refuses (403) a declaration lodged for traders the sender does not act for. */
export function refuseForeignParties(sender: Participant, parties: readonly DeclarationParty[]): void {
  const findings = partyFindings(sender, parties);
  if (findings.length > 0)
    throw new RejectionError(
      403,
      'Not lodged for a trader you act for',
      findings,
      `${sender.id} may lodge declarations only for the traders its configuration names (actsFor).`,
    );
}
