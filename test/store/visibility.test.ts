import { describe, expect, it } from 'vitest';
import { updateDelivery } from '../../src/store/exchanges.js';
import type { Participant } from '../../src/config/types.js';
import {
  controlAccess,
  listSeenExchanges,
  type LpcoReader,
  mayReadLpco,
  recordsSeenBy,
  seeDecision,
  seeDocument,
  seeExchange,
} from '../../src/store/visibility.js';
import type { RiskTables } from '../../src/risk/tables.js';
import { tablesOf } from '../../src/store/db.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';
import { storeExchange } from '../support/exchanges.js';

const reader = (id: string, kind: Participant['kind'], operator = false) => ({ id, kind, operator });
const trader = reader('trader-a', 'trader');
const customs = reader('customs', 'customs');
const plant = reader('pga-plant', 'pga');
const food = reader('pga-food', 'pga');
const auditor = reader('auditor', 'trader', true);

describe.each(await databaseKinds())('what each participant sees of an exchange (%s)', (kind) => {
  const suite = useExchangeStore(kind);
  const store = () => suite.store;

  it('shows the sender and operators the whole exchange, and nobody else anything', async () => {
    await storeExchange(store(), { id: 'V1', sender: 'trader-a', destinations: ['customs', 'pga-plant'] });
    for (const [who, role] of [
      [trader, 'sender'],
      [auditor, 'operator'],
    ] as const) {
      const seen = await seeExchange(store(), 'V1', who);
      expect(seen?.role).toBe(role);
      if (seen?.role === 'destination' || !seen) throw new Error('whole view expected');
      expect(seen.deliveries.map((d) => d.destination)).toEqual(['customs', 'pga-plant']);
      expect(seen.documents.map((d) => d.name).sort()).toEqual(['original', 'to-customs', 'to-pga-plant', 'wco-json']);
      expect(seen.events).toHaveLength(4);
    }
    expect(await seeExchange(store(), 'V1', food)).toBeUndefined();
    expect(await seeExchange(store(), 'NOPE', auditor)).toBeUndefined();
    expect(await seeDocument(store(), 'V1', 'original', food)).toEqual({});
  });

  it('shows a destination its own delivery, copy and timeline, and of the exchange only its id, sender, kind and time', async () => {
    const seen = await seeExchange(store(), 'V1', plant);
    expect(seen).toEqual({
      role: 'destination',
      exchange: { id: 'V1', sender: 'trader-a', kind: 'declaration', received_at: '2026-11-29T00:00:00.000Z' },
      delivery: expect.objectContaining({ destination: 'pga-plant', status: 'acknowledged' }),
      events: [expect.objectContaining({ event: 'acknowledged', destination: 'pga-plant' })],
      documents: [expect.objectContaining({ name: 'to-pga-plant' })],
    });
    expect(JSON.stringify(seen)).not.toMatch(/customs|LRN-V1|hsCodes|wco-json|original/);
    for (const name of ['original', 'wco-json', 'to-customs', 'missing'])
      expect(await seeDocument(store(), 'V1', name, plant)).toEqual({ exchange: expect.objectContaining({ id: 'V1' }) });
    expect((await seeDocument(store(), 'V1', 'to-pga-plant', plant)).document?.content.toString()).toBe('<Copy for="pga-plant" of="V1"/>');
  });

  it('lets a destination sent the original unchanged read the original, and only that', async () => {
    await storeExchange(store(), { id: 'V2', sender: 'trader-a', destinations: ['customs', 'pga-plant'], sentOriginal: ['customs'] });
    const seen = await seeExchange(store(), 'V2', customs);
    expect(seen?.documents.map((d) => d.name)).toEqual(['original']);
    expect((await seeDocument(store(), 'V2', 'original', customs)).document).toBeDefined();
    expect((await seeDocument(store(), 'V2', 'wco-json', customs)).document).toBeUndefined();
    expect((await seeDocument(store(), 'V2', 'original', plant)).document).toBeUndefined();
  });

  it('shows provenance records of the whole exchange to its sender and operators, a destination those of its delivery', async () => {
    const sight = async (who: ReturnType<typeof reader>, id = 'V1') => {
      const sees = await recordsSeenBy(store(), id, who);
      return sees && [undefined, 'customs', 'pga-plant'].map((d) => sees(d));
    };
    expect(await sight(trader)).toEqual([true, true, true]);
    expect(await sight(auditor)).toEqual([true, true, true]);
    expect(await sight(plant)).toEqual([false, false, true]);
    expect(await sight(customs)).toEqual([false, true, false]);
    expect(await sight(food)).toBeUndefined();
    // Records outlive a deleted exchange: operators still see them, nobody else.
    expect(await sight(auditor, 'GONE')).toEqual([true, true, true]);
    expect(await sight(trader, 'GONE')).toBeUndefined();
  });

  it('lists what each sees, filtering on what it sees: the exchange for its sender, its delivery for a destination', async () => {
    await storeExchange(store(), { id: 'V3', sender: 'pga-plant', destinations: ['customs'] });
    await updateDelivery(store(), 'V1', 'pga-plant', { status: 'acknowledged', at: '2026-11-30T00:00:00.000Z' });
    const ids = async (who: ReturnType<typeof reader>, q: Parameters<typeof listSeenExchanges>[2] = { limit: 50 }) =>
      (await listSeenExchanges(store(), who, q)).map((s) => [s.exchange.id, s.role]);

    expect(await ids(trader)).toEqual([
      ['V2', 'sender'],
      ['V1', 'sender'],
    ]);
    expect(await ids(plant)).toEqual([
      ['V3', 'sender'],
      ['V2', 'destination'],
      ['V1', 'destination'],
    ]);
    expect(await ids(food)).toEqual([]);
    expect(await ids(auditor)).toEqual([
      ['V3', 'operator'],
      ['V2', 'operator'],
      ['V1', 'operator'],
    ]);

    const [destinationItem] = await listSeenExchanges(store(), plant, { limit: 1, cursor: 'V2' });
    expect(destinationItem).toEqual({
      role: 'destination',
      exchange: { id: 'V1', sender: 'trader-a', kind: 'declaration', received_at: '2026-11-29T00:00:00.000Z' },
      delivery: { status: 'acknowledged', updated_at: '2026-11-30T00:00:00.000Z' },
    });
    // The exchange's status is "delivered", its deliveries' "acknowledged": a destination filters on its delivery's.
    expect(await ids(plant, { limit: 50, status: 'delivered' })).toEqual([['V3', 'sender']]);
    expect(await ids(plant, { limit: 50, status: 'acknowledged' })).toEqual([
      ['V2', 'destination'],
      ['V1', 'destination'],
    ]);
    expect(await ids(trader, { limit: 50, status: 'acknowledged' })).toEqual([]);
    expect(await ids(plant, { limit: 50, since: '2026-11-29T12:00:00.000Z' })).toEqual([['V1', 'destination']]);
    expect(await ids(trader, { limit: 50, since: '2026-11-29T12:00:00.000Z' })).toEqual([]);
    expect(await ids(auditor, { limit: 50, status: 'delivered', kind: 'declaration', cursor: 'V3' })).toEqual([
      ['V2', 'operator'],
      ['V1', 'operator'],
    ]);
  });
});

describe.each(await databaseKinds())('who sees a targeting decision (%s)', (kind) => {
  const suite = useExchangeStore(kind);
  const hits = [
    { profile: 'c-secret', version: 1, owner: 'customs', lane: 'red', instruction: 'c-instruction', item: 0 },
    { profile: 'p-secret', version: 2, owner: 'pga-plant', lane: 'yellow', item: 0 },
  ];

  it('shows customs everything, a routed PGA its own hits, and refuses operators that are not customs, the sender and a routed partner', async () => {
    await storeExchange(suite.store, { id: 'R1', sender: 'trader-a', destinations: ['customs', 'pga-plant', 'partner-xb'] });
    await tablesOf<RiskTables>(suite.store.db)
      .insertInto('risk_decisions')
      .values({
        exchange_id: 'R1',
        lane: 'red',
        score: 0.8,
        model_version: 'm',
        hits: JSON.stringify(hits),
        decided_at: '2026-11-29T00:00:00.000Z',
        profiles_version: 'v',
        commitment_salt: 'ab',
      })
      .execute();
    expect((await seeDecision(suite.store, 'R1', customs)).decision).toEqual({
      lane: 'red',
      hits: [
        { profile: 'c-secret', owner: 'customs', lane: 'red', instruction: 'c-instruction' },
        { profile: 'p-secret', owner: 'pga-plant', lane: 'yellow', instruction: null },
      ],
      score: 0.8,
      model: 'm',
    });
    expect((await seeDecision(suite.store, 'R1', plant)).decision).toEqual({
      lane: 'red',
      hits: [{ profile: 'p-secret', owner: 'pga-plant', lane: 'yellow', instruction: null }],
      score: null,
      model: null,
    });
    for (const refused of [trader, auditor, reader('pga-auditor', 'pga', true), reader('partner-xb', 'partner-customs')])
      expect(await seeDecision(suite.store, 'R1', refused)).toEqual({ exchange: expect.objectContaining({ id: 'R1' }), forbidden: true });
    for (const stranger of [food, reader('trader-b', 'trader')]) expect(await seeDecision(suite.store, 'R1', stranger)).toEqual({});
    // The sender sees the lane, nothing more.
    const seen = await seeExchange(suite.store, 'R1', trader);
    expect(seen?.role === 'sender' && seen.control).toEqual({ lane: 'red' });
  });

  it('lets customs with a part in the exchange and a routed PGA control it; another customs administration does not learn it exists', async () => {
    await storeExchange(suite.store, { id: 'C1', sender: 'trader-a', destinations: ['customs', 'pga-plant'] });
    const controls = async (who: ReturnType<typeof reader>) => {
      const access = await controlAccess(suite.store, 'C1', who);
      return access === undefined ? 'not found' : (access.controls?.sees ?? 'forbidden');
    };
    expect(await controls(customs)).toBe('all');
    expect(await controls(reader('customs-operator', 'customs', true))).toBe('all');
    expect(await controls(plant)).toBe('own');
    expect(await controls(trader)).toBe('forbidden');
    expect(await controls(auditor)).toBe('forbidden');
    expect(await controls(reader('customs-yy', 'customs'))).toBe('not found');
    expect(await controls(food)).toBe('not found');
  });
});

describe('who sees an e-LPCO', () => {
  const party = (id: string, kind: Participant['kind'], extra: Partial<LpcoReader> = {}): LpcoReader => ({ id, kind, operator: false, actsFor: [], ...extra });
  const lpco = { issuerParticipant: 'pga-plant', holderId: 'GB123456789000' };

  it('is its issuer, customs, operators and those who act for its holder', () => {
    expect(mayReadLpco(party('pga-plant', 'pga'), lpco)).toBe(true);
    expect(mayReadLpco(party('customs', 'customs'), lpco)).toBe(true);
    expect(mayReadLpco(party('auditor', 'platform', { operator: true }), lpco)).toBe(true);
    expect(mayReadLpco(party('broker', 'trader', { actsFor: [{ id: 'GB123456789000', as: 'representative' }] }), lpco)).toBe(true);
  });

  it('is nobody else: another agency, a partner administration, a trader acting for someone else', () => {
    for (const stranger of [
      party('pga-food', 'pga'),
      party('partner-xb', 'partner-customs'),
      party('broker', 'trader', { actsFor: [{ id: 'GB000000000000', as: 'declarant' }] }),
    ]) {
      expect(mayReadLpco(stranger, lpco)).toBe(false);
    }
  });
});
