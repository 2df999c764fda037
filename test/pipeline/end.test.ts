import { describe, expect, it } from 'vitest';
import { getLpco, registerLpco } from '../../src/lpco/registry.js';
import { reserveForDeclaration } from '../../src/lpco/write-off.js';
import { endExchange, type ExchangeNotification, followExchangeEnd } from '../../src/pipeline/end.js';
import type { RecordInput } from '../../src/provenance/record.js';
import { findExchange, insertAcceptedExchange, newId, updateDelivery } from '../../src/store/exchanges.js';
import { databaseKinds } from '../support/databases.js';
import { acceptedExchange } from '../support/exchanges.js';
import { HOLDER, PLANT_AUTHORITY, duringValidity, sampleLpco, useLpcoDatabase } from '../lpco/support.js';
import { participant } from './support.js';

const PARTICIPANTS = new Map(
  [
    participant('customs', { kind: 'customs' }),
    participant('trader-hooked', { webhook: { url: 'https://trader.example/hook', secret: 's'.repeat(32) } }),
    participant('trader-quiet'),
  ].map((p) => [p.id, p]),
);

describe.each(await databaseKinds())('the end of an exchange (%s)', (kind) => {
  const t = useLpcoDatabase(kind);
  const notified: Array<{ participant: string; notification: ExchangeNotification }> = [];
  const recorded: RecordInput[] = [];
  const deps = (notify = async (participant: string, notification: ExchangeNotification) => void notified.push({ participant, notification })) => ({
    store: t.store,
    kind: t.kind,
    participants: PARTICIPANTS,
    recordProvenance: async (_transaction: unknown, records: RecordInput[]) => {
      recorded.push(...records);
      return [];
    },
    notify,
    now: duringValidity,
  });

  /** A declaration from `sender` holding `quantity` of a fresh licence, whose customs delivery has ended with `verdict`. */
  async function decidedDeclaration(sender: string, verdict: 'accepted' | 'rejected', quantity = '10') {
    const lpco = sampleLpco();
    const lpcoId = await registerLpco(t.db, t.kind, lpco, PLANT_AUTHORITY, { now: duringValidity });
    const id = newId();
    const at = duringValidity().toISOString();
    await insertAcceptedExchange(
      t.store,
      acceptedExchange(id, {
        at,
        exchange: { sender, message_id: `LRN-${id}`, facts: JSON.stringify({ typeCode: 'IMA' }) },
        deliveries: [{ destination: 'customs' }],
      }),
    );
    await reserveForDeclaration(
      t.db,
      t.kind,
      {
        declarationExchangeId: id,
        holderId: HOLDER,
        actsFor: [HOLDER],
        citations: [{ documentCode: lpco.documentCode, number: lpco.number, goodsItem: '1', quantity, unit: 'KGM' }],
      },
      { unknownLpco: 'error', now: duringValidity },
    );
    await updateDelivery(t.store, id, 'customs', { status: verdict === 'accepted' ? 'acknowledged' : 'rejected', receipt: { status: verdict }, at });
    const remaining = async () => (await getLpco(t.db, lpcoId, { now: duringValidity }))?.lines[0]?.remaining;
    return { id, remaining, issued: lpco.lines[0]!.quantity };
  }

  it("writes off what customs accepted, then tells the sender's webhook the exchange's final status", async () => {
    const { id, remaining, issued } = await decidedDeclaration('trader-hooked', 'accepted');
    await followExchangeEnd(deps(), id, { exchangeStatus: 'delivered', sender: 'trader-hooked' });
    expect(await remaining()).toBe((Number(issued) - 10).toFixed(3));
    expect(recorded.filter((r) => r.exchangeId === id).map((r) => r.event)).toEqual(['lpco-written-off']);
    expect(notified.filter((n) => n.notification.exchangeId === id)).toEqual([
      { participant: 'trader-hooked', notification: { event: 'exchange.ended', exchangeId: id, status: 'delivered', at: duringValidity().toISOString() } },
    ]);
  });

  it('gives back what customs rejected, and tells no one whose configuration has no webhook', async () => {
    const { id, remaining, issued } = await decidedDeclaration('trader-quiet', 'rejected');
    await followExchangeEnd(deps(), id, { exchangeStatus: 'rejected', sender: 'trader-quiet' });
    expect(await remaining()).toBe(Number(issued).toFixed(3));
    expect(recorded.filter((r) => r.exchangeId === id).map((r) => r.event)).toEqual(['lpco-released']);
    expect(notified.filter((n) => n.notification.exchangeId === id)).toEqual([]);
  });

  it('marks the end handled only once what it sets off is done, so a failed notification is run again and moves nothing twice', async () => {
    const { id, remaining, issued } = await decidedDeclaration('trader-hooked', 'accepted');
    const down = async () => {
      throw new Error('webhook queue unavailable');
    };
    const ending = (notify?: typeof down) => {
      const d = deps(notify);
      return endExchange({ store: d.store, now: d.now, onExchangeEnded: (exchangeId, ended) => followExchangeEnd(d, exchangeId, ended) }, id, {
        exchangeStatus: 'delivered',
        sender: 'trader-hooked',
      });
    };
    await expect(ending(down)).rejects.toThrow('webhook queue unavailable');
    expect((await findExchange(t.store, id))?.end_handled_at).toBeNull();
    await ending();
    expect((await findExchange(t.store, id))?.end_handled_at).toBe(duringValidity().toISOString());
    expect(await remaining()).toBe((Number(issued) - 10).toFixed(3));
    expect(recorded.filter((r) => r.exchangeId === id).map((r) => r.event)).toEqual(['lpco-written-off']);
    expect(notified.filter((n) => n.notification.exchangeId === id)).toHaveLength(1);
  });

  it('moves nothing for an exchange that is not a declaration, and still tells its sender', async () => {
    const id = newId();
    await insertAcceptedExchange(
      t.store,
      acceptedExchange(id, {
        at: duringValidity().toISOString(),
        exchange: { sender: 'trader-hooked', kind: 'lpco', format: 'lpco-json', status: 'delivered' },
        original: { content: '{}', media_type: 'application/json' },
        deliveries: [{ destination: 'customs', status: 'acknowledged', attempts: 1, receipt: JSON.stringify({ status: 'accepted' }) }],
      }),
    );
    await followExchangeEnd(deps(), id, { exchangeStatus: 'delivered', sender: 'trader-hooked' });
    expect(recorded.filter((r) => r.exchangeId === id)).toEqual([]);
    expect(notified.filter((n) => n.notification.exchangeId === id)).toHaveLength(1);
  });
});
