/** How e-LPCO quantity movements enter the provenance log: at lodging (readers.ts reserves) and at an exchange's end (lpco-decisions.ts). */
import { canonicalJson } from '../canonical-json.js';
import { sha256Hex } from '../hashing.js';
import type { Movement } from '../lpco/tables.js';
import type { Moved } from '../lpco/write-off.js';
import type { RecordInput } from '../provenance/record.js';

const EVENTS: Record<Movement, RecordInput['event']> = {
  reserved: 'lpco-reserved',
  'written-off': 'lpco-written-off',
  released: 'lpco-released',
  'given-back': 'lpco-given-back',
};

/**
 * One provenance record per kind of movement of a declaration: the entity is the canonical
 * JSON of what moved (LPCO, line, quantity, unit), so the log commits to the quantities.
 */
export function movementRecords(declarationExchangeId: string, moved: readonly Moved[], actor: string, time: Date): RecordInput[] {
  const kinds = [...new Set(moved.map((m) => m.movement))];
  return kinds.map((movement) => {
    const lines = moved
      .filter((m) => m.movement === movement)
      .map(({ lpcoId, documentCode, number, goodsItem, line, quantity, unit }) => ({ lpcoId, documentCode, number, goodsItem, line, quantity, unit }));
    return {
      exchangeId: declarationExchangeId,
      event: EVENTS[movement],
      time,
      entity: { contentSha256: sha256Hex(canonicalJson(lines)), name: `lpco-${movement}`, mediaType: 'application/json' },
      agent: { participant: actor },
    };
  });
}
