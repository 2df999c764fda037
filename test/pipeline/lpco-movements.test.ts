import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/canonical-json.js';
import { sha256Hex } from '../../src/hashing.js';
import type { Moved } from '../../src/lpco/write-off.js';
import { movementRecords } from '../../src/pipeline/lpco-movements.js';

const line = (movement: Moved['movement'], goodsItem: string, quantity: string): Moved => ({
  lpcoId: '01JDXR7Q4V8E2M9K3T6W5Y1Z0A',
  documentCode: 'N851',
  number: 'NO-1',
  goodsItem,
  line: '1',
  quantity,
  unit: 'KGM',
  movement,
});
const at = new Date('2026-02-01T00:00:00.000Z');

describe('the provenance records of e-LPCO quantity movements', () => {
  it('are one record per kind of movement of the declaration, committing to exactly the lines that moved', () => {
    const moved = [line('written-off', '1', '10.000'), line('given-back', '2', '4.000'), line('written-off', '3', '2.500')];
    const records = movementRecords('DECL', moved, 'customs', at);
    expect(records.map((r) => [r.exchangeId, r.event, r.entity.name, r.agent.participant, r.time])).toEqual([
      ['DECL', 'lpco-written-off', 'lpco-written-off', 'customs', at],
      ['DECL', 'lpco-given-back', 'lpco-given-back', 'customs', at],
    ]);
    const lines = (kind: Moved['movement']) => moved.filter((m) => m.movement === kind).map(({ movement: _movement, ...rest }) => rest);
    expect(records[0]?.entity.contentSha256).toBe(sha256Hex(canonicalJson(lines('written-off'))));
    expect(records[1]?.entity.contentSha256).toBe(sha256Hex(canonicalJson(lines('given-back'))));
  });

  it('change their digest when any quantity changes, and are none when nothing moved', () => {
    const digest = (quantity: string) => movementRecords('DECL', [line('reserved', '1', quantity)], 'trader-demo', at)[0]?.entity.contentSha256;
    expect(digest('10.000')).not.toBe(digest('10.001'));
    expect(movementRecords('DECL', [], 'customs', at)).toEqual([]);
  });
});
