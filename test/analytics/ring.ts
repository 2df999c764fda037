import type { DuckDBConnection } from '@duckdb/node-api';
import { syncPartyNetwork } from '../../src/analytics/party-identifiers.js';
import { insertSource, sourceOf, type Consignment } from '../../src/ecommerce/sources.js';
import type { Store } from '../../src/store/exchanges.js';
import { platformConsignment } from '../ecommerce/support.js';

interface Item {
  declaration: string;
  importer?: string;
  exporter?: string;
  declarant?: string;
  carrier?: string;
  outcome?: 'compliant' | 'discrepancy';
  description?: string;
  commodity?: string;
  date?: string;
}

export async function insertItems(connection: DuckDBConnection, items: readonly Item[]): Promise<void> {
  const appender = await connection.createAppender('items');
  items.forEach((item, i) => {
    appender.appendVarchar('exchange');
    appender.appendVarchar(item.declaration);
    appender.appendInteger(i);
    appender.appendVarchar(item.date ?? '2026-01-08');
    for (const value of [null, 'CN', 'CN', item.commodity ?? null, item.description ?? null, item.importer, item.exporter, item.declarant, item.carrier]) {
      if (value == null) appender.appendNull();
      else appender.appendVarchar(value);
    }
    for (let n = 0; n < 4; n++) appender.appendDouble(1);
    appender.appendNull();
    if (item.outcome) appender.appendVarchar(item.outcome);
    else appender.appendNull();
    appender.appendNull();
    appender.endRow();
  });
  appender.closeSync();
}

/** Goods items of a legacy history, one per [origin, commodity, value, description]: trade for typicality, labels for the description model. */
export async function insertTrade(
  connection: DuckDBConnection,
  cells: ReadonlyArray<[origin: string, commodity: string, value: number, description: string]>,
): Promise<void> {
  let n = 0;
  for (const [origin, commodity, value, description] of cells)
    await connection.run(
      `INSERT INTO items (source, declaration, item, date, origin, commodity, description, value)
       VALUES ('history', $declaration, 1, DATE '2026-01-05', $origin, $commodity, $description, $value)`,
      { declaration: `T${n++}-${origin}-${commodity}`, origin, commodity, value, description },
    );
}

const consignment = (seller: { id: string; line: string }, buyer: { id?: string; email: string }): Consignment => {
  const c = platformConsignment();
  return {
    ...c,
    seller: { ...c.seller, id: seller.id, address: { ...c.seller.address, line: seller.line } },
    buyer: { ...(buyer.id ? { id: buyer.id } : {}), name: 'A. Lovelace', email: buyer.email, address: { ...c.buyer.address, line: `${seller.id} Lane` } },
    payment: { transactionId: `PAY-${seller.id}`, method: 'card' },
  };
};

/**
 * A ring a customs analyst would want found:
 * - IMP-A, EXP-OFF and DEC-RING on X1, where a control found a discrepancy; IMP-B and EXP-2 lodge
 *   through the same declarant DEC-RING (X2); IMP-C and EXP-3 through another (X3), clean.
 * - Parcels E1 (SELL-1 to buyer BUY-1, "Ada.Lovelace+shop@Example.org") and E2 (SELL-2 to a buyer
 *   declared without id, "adalovelace@example.org": the same mailbox) on platform PLAT; E3 from
 *   SELL-3, whose address is SELL-2's written otherwise, on PLAT-2, with a discrepancy.
 */
export async function plantRing(connection: DuckDBConnection, store: Store): Promise<void> {
  await insertItems(connection, [
    { declaration: 'X1', importer: 'IMP-A', exporter: 'EXP-OFF', declarant: 'DEC-RING', outcome: 'discrepancy' },
    { declaration: 'X1', importer: 'IMP-A', exporter: 'EXP-OFF', declarant: 'DEC-RING', outcome: 'compliant' },
    { declaration: 'X2', importer: 'IMP-B', exporter: 'EXP-2', declarant: 'DEC-RING', outcome: 'compliant' },
    { declaration: 'X3', importer: 'IMP-C', exporter: 'EXP-3', declarant: 'DEC-CLEAN', outcome: 'compliant' },
    { declaration: 'E1', importer: 'BUY-1', exporter: 'SELL-1', declarant: 'PLAT' },
    { declaration: 'E2', exporter: 'SELL-2', declarant: 'PLAT' },
    { declaration: 'E3', exporter: 'SELL-3', declarant: 'PLAT-2', outcome: 'discrepancy' },
  ]);
  const parcels: Array<[string, Consignment]> = [
    ['E1', consignment({ id: 'SELL-1', line: '1 Harbour Road' }, { id: 'BUY-1', email: 'Ada.Lovelace+shop@Example.org' })],
    ['E2', consignment({ id: 'SELL-2', line: '88 Wensan Road, Unit 4' }, { email: 'adalovelace@example.org' })],
    ['E3', consignment({ id: 'SELL-3', line: '88  WENSAN ROAD, unit 4.' }, { email: 'someone.else@example.net' })],
  ];
  for (const [id, parcel] of parcels) {
    await insertSource(store, sourceOf(parcel, 'order'), { id, sender: 'platform-demo', receivedAt: '2026-01-08T10:00:00.000Z' });
  }
  await syncPartyNetwork(store, connection);
}
