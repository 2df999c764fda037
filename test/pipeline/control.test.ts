import { describe, expect, it } from 'vitest';
import { readControls, recordControl } from '../../src/pipeline/control.js';
import { recordingIn } from '../../src/pipeline/vocabulary.js';
import { controlResultsOf } from '../../src/risk/control-results.js';
import type { RiskTables } from '../../src/risk/tables.js';
import { tablesOf } from '../../src/store/db.js';
import { newId } from '../../src/store/exchanges.js';
import { databaseKinds } from '../support/databases.js';
import { storeExchange } from '../support/exchanges.js';
import { rejectedWith } from '../support/rejections.js';
import { participant, usePipelineDatabase } from './support.js';

const customs = participant('customs', { kind: 'customs' });
const plant = participant('pga-plant', { kind: 'pga' });
const food = participant('pga-food', { kind: 'pga' });
const trader = participant('trader-demo', { kind: 'trader' });
const operator = participant('ops', { kind: 'trader', operator: true });
const at = new Date('2026-12-06T10:00:00Z');

describe.each(await databaseKinds())('recordControl: a control result and its record in one commit (%s)', (kind) => {
  const t = usePipelineDatabase(kind);
  const deps = () => ({ store: t.store, recordProvenance: recordingIn(t.log), now: () => at });
  const routedToPlant = async () => {
    const id = newId();
    await storeExchange(t.store, { id, sender: 'trader-demo', destinations: ['customs', 'pga-plant'] });
    return id;
  };

  it('customs and the routed PGA record; each result logged under its own id as `controlled`, the original as what was used', async () => {
    const id = await routedToPlant();
    const byCustoms = await recordControl(deps(), customs, id, { outcome: 'discrepancy', revenue: 10, seized: true, findings: [{ code: 'A', text: 'b' }] });
    const byPlant = await recordControl(deps(), plant, id, { outcome: 'compliant' });
    expect(byPlant.result).toMatchObject({ controller: 'pga-plant', findings: [], revenue: 0, seized: false, recordedAt: at.toISOString() });
    expect(await t.logged(byCustoms.result.id)).toEqual(['controlled']);
    expect(await t.logged(byPlant.result.id)).toEqual(['controlled']);
    // Not under the exchange: the sender's provenance receipt does not show that its goods were controlled.
    expect(await t.logged(id)).not.toContain('controlled');
    expect((await readControls(t.store, customs, id)).map((r) => r.controller)).toEqual(['customs', 'pga-plant']);
    expect((await readControls(t.store, plant, id)).map((r) => r.controller)).toEqual(['pga-plant']);
  });

  it('refuses a PGA it was not routed to (404), the sender and an operator (403), and an unknown exchange (404)', async () => {
    const id = await routedToPlant();
    await rejectedWith(recordControl(deps(), food, id, { outcome: 'compliant' }), 404, 'exchange.not-found');
    await rejectedWith(recordControl(deps(), trader, id, { outcome: 'compliant' }), 403, 'control.not-a-controller');
    await rejectedWith(recordControl(deps(), operator, id, { outcome: 'compliant' }), 403, 'control.not-a-controller');
    await rejectedWith(readControls(t.store, trader, id), 403, 'control.not-a-controller');
    await rejectedWith(recordControl(deps(), customs, newId(), { outcome: 'compliant' }), 404, 'exchange.not-found');
    expect(await controlResultsOf(tablesOf<RiskTables>(t.store.db), id)).toEqual([]);
  });

  it('stores nothing when the log cannot take the record', async () => {
    const id = await routedToPlant();
    const failing = { ...deps(), recordProvenance: async () => Promise.reject(new Error('the log append failed')) };
    await expect(recordControl(failing, customs, id, { outcome: 'discrepancy' })).rejects.toThrow('the log append failed');
    expect(await controlResultsOf(tablesOf<RiskTables>(t.store.db), id)).toEqual([]);
  });

  it('answers a repeated Idempotency-Key with the result it recorded, once; another result under the key is 409', async () => {
    const id = await routedToPlant();
    const first = await recordControl(deps(), customs, id, { outcome: 'discrepancy', revenue: 5 }, 'retry-1');
    const again = await recordControl(deps(), customs, id, { outcome: 'discrepancy', revenue: 5 }, 'retry-1');
    expect(again).toEqual(first);
    await rejectedWith(recordControl(deps(), customs, id, { outcome: 'compliant' }, 'retry-1'), 409, 'request.idempotency-key-reused');
    // A key is the controller's own: another controller's same key is another request.
    expect((await recordControl(deps(), plant, id, { outcome: 'discrepancy', revenue: 5 }, 'retry-1')).result.controller).toBe('pga-plant');
    expect((await controlResultsOf(tablesOf<RiskTables>(t.store.db), id)).map((r) => r.controller)).toEqual(['customs', 'pga-plant']);
  });
});
