import type { Participant } from '../../src/config/types.js';
import { sha256Hex } from '../../src/hashing.js';

/** A customs participant authenticated by the API key `key-<id>`, acting for nobody and issuing nothing. */
export const apiKeyParticipant = (id: string, operator: boolean): Participant => ({
  id,
  kind: 'customs',
  name: id,
  apiKeySha256: [sha256Hex(`key-${id}`)],
  certificateFingerprints: [],
  operator,
  actsFor: [],
  issues: [],
});
