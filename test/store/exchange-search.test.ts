import { describe, expect, it } from 'vitest';
import type { Participant } from '../../src/config/types.js';
import { insertAcceptedExchange } from '../../src/store/exchanges.js';
import { listSeenExchanges } from '../../src/store/visibility.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';
import { acceptedExchange } from '../support/exchanges.js';

const reader = (id: string, kind: Participant['kind'], operator = false) => ({ id, kind, operator });
const traderA = reader('trader-a', 'trader');
const traderB = reader('trader-b', 'trader');
const plant = reader('pga-plant', 'pga');
const operator = reader('customs', 'customs', true);

/** Exchange search (issue 19): exact references, parties, time range; each caller only what it may see. */
describe.each(await databaseKinds())('exchange search (%s)', (kind) => {
  const suite = useExchangeStore(kind);
  const store = () => suite.store;
  const ids = (rows: Array<{ exchange: { id: string } }>) => rows.map((r) => r.exchange.id);

  it('finds an exchange by id, LRN, MRN or message id, newest first, and each caller only its own', async () => {
    const put = (id: string, sender: string, at: string, destinations: string[], extra: { reference?: string; mrn?: string; message_id?: string } = {}) =>
      insertAcceptedExchange(
        store(),
        acceptedExchange(id, {
          at,
          exchange: { sender, status: 'failed', ...extra },
          deliveries: destinations.map((destination) => ({ destination, status: destination === 'pga-plant' ? 'failed' : 'acknowledged' })),
        }),
      );
    await put('01JA0000000000000000000001', 'trader-a', '2026-11-01T10:00:00.000Z', ['customs', 'pga-plant'], {
      reference: 'LRN-A1',
      message_id: 'LRN-A1',
      mrn: '26GB00000000000001',
    });
    await put('01JA0000000000000000000002', 'trader-a', '2026-11-02T10:00:00.000Z', ['customs'], { reference: 'LRN-A2', message_id: 'LRN-A2' });
    await put('01JA0000000000000000000003', 'trader-b', '2026-11-03T10:00:00.000Z', ['customs', 'pga-plant'], {
      reference: 'LRN-B1',
      message_id: 'MSG-B1',
    });

    const search = (who: typeof operator, q: Parameters<typeof listSeenExchanges>[2]) => listSeenExchanges(store(), who, q).then(ids);
    expect(await search(operator, { limit: 50 })).toEqual(['01JA0000000000000000000003', '01JA0000000000000000000002', '01JA0000000000000000000001']);
    for (const q of ['01JA0000000000000000000001', 'LRN-A1', '26GB00000000000001'])
      expect(await search(operator, { q, limit: 50 })).toEqual(['01JA0000000000000000000001']);
    expect(await search(operator, { q: 'MSG-B1', limit: 50 })).toEqual(['01JA0000000000000000000003']);
    expect(await search(operator, { destination: 'pga-plant', sender: 'trader-b', limit: 50 })).toEqual(['01JA0000000000000000000003']);
    expect(await search(operator, { from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z', limit: 50 })).toEqual(['01JA0000000000000000000002']);
    expect(await search(operator, { cursor: '01JA0000000000000000000003', limit: 1 })).toEqual(['01JA0000000000000000000002']);

    // Another trader's reference finds nothing, exactly as one that does not exist.
    expect(await search(traderA, { q: 'LRN-B1', limit: 50 })).toEqual([]);
    expect(await search(traderB, { q: 'LRN-A1', limit: 50 })).toEqual([]);
    expect(await search(traderA, { q: 'LRN-A2', limit: 50 })).toEqual(['01JA0000000000000000000002']);
    // A sender may ask where its own exchanges went.
    expect(await search(traderA, { destination: 'pga-plant', limit: 50 })).toEqual(['01JA0000000000000000000001']);

    // A destination finds what it receives by exchange id only (the references are the sender's), and cannot ask about other destinations.
    expect(await search(plant, { limit: 50 })).toEqual(['01JA0000000000000000000003', '01JA0000000000000000000001']);
    expect(await search(plant, { q: 'LRN-A1', limit: 50 })).toEqual([]);
    expect(await search(plant, { q: '01JA0000000000000000000001', limit: 50 })).toEqual(['01JA0000000000000000000001']);
    expect(await search(plant, { destination: 'customs', limit: 50 })).toEqual([]);
    expect(await search(plant, { destination: 'pga-plant', limit: 50 })).toHaveLength(2);
    // Its status filter is its delivery's, not the exchange's.
    expect(await search(plant, { status: 'failed', limit: 50 })).toHaveLength(2);
    expect(await search(reader('customs', 'customs'), { status: 'failed', limit: 50 })).toEqual([]);
  });
});
