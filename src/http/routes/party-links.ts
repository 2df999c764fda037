import type { Participant } from '../../config/types.js';
import { RejectionError, finding } from '../../findings.js';
import { mayReadPartyLinks } from '../../store/visibility.js';

/** 403 for whoever may not see links between parties (store/visibility.ts). */
export function refusePartyLinks(participant: Participant): void {
  if (!mayReadPartyLinks(participant)) {
    throw new RejectionError(403, 'Customs only', [
      finding('analytics.customs-only', `Links between parties and parcels are for customs; ${participant.id} is a ${participant.kind}.`),
    ]);
  }
}
