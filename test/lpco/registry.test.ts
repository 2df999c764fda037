import { describe, expect, it } from 'vitest';
import { changeStatus, changeStatusIn, getLpco, planStatusChange, registerIn, registerLpco } from '../../src/lpco/registry.js';
import { databaseKinds } from '../support/databases.js';
import { rejected } from '../support/rejections.js';
import { PLANT_AUTHORITY, duringValidity, sampleLpco, useLpcoDatabase } from './support.js';

const kinds = await databaseKinds();

describe.each(kinds)('LPCO registry on %s', (kind) => {
  const t = useLpcoDatabase(kind);
  const now = duringValidity;

  it('registers an LPCO with its full quantities and a first history entry', async () => {
    const lpco = sampleLpco({
      lines: [...sampleLpco().lines, { sequence: '2', description: 'Bulbs', hsCode: '060110', quantity: '12.5', unit: 'KGM', origin: 'NO' }],
    });
    const id = await registerLpco(t.db, t.kind, lpco, PLANT_AUTHORITY, { now });
    const view = await getLpco(t.db, id, { now });
    expect(view).toMatchObject({
      id,
      documentCode: 'N851',
      number: lpco.number,
      issuerParticipant: PLANT_AUTHORITY,
      holderId: lpco.holder.id,
      status: 'issued',
      replacedBy: null,
      document: lpco,
    });
    expect(view?.lines).toEqual([
      { sequence: '1', quantityControlled: true, hsCode: '060290', unit: 'KGM', quantity: '100.000', remaining: '100.000' },
      { sequence: '2', quantityControlled: true, hsCode: '060110', unit: 'KGM', quantity: '12.500', remaining: '12.500' },
    ]);
    expect(view?.history).toEqual([{ at: now().toISOString(), from: null, to: 'issued', reason: 'registered', actor: PLANT_AUTHORITY }]);
    expect(await getLpco(t.db, '01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBeUndefined();
  });

  it('refuses a second document with the same code and number', async () => {
    const lpco = sampleLpco();
    await registerLpco(t.db, t.kind, lpco, PLANT_AUTHORITY, { now });
    const err = await rejected(registerLpco(t.db, t.kind, lpco, PLANT_AUTHORITY, { now }));
    expect([err.status, err.findings[0]?.code]).toEqual([409, 'lpco.duplicate']);
  });

  it("keys numbers by their issuer: another authority may use the same one, and a conflict names only the issuer's own document", async () => {
    const lpco = sampleLpco();
    const partner = await registerLpco(t.db, t.kind, lpco, 'partner-xb', { now });
    const agency = await registerLpco(t.db, t.kind, lpco, PLANT_AUTHORITY, { now });
    expect(agency).not.toBe(partner);
    const again = await rejected(registerLpco(t.db, t.kind, lpco, PLANT_AUTHORITY, { now }));
    expect([again.status, again.findings[0]?.code]).toEqual([409, 'lpco.duplicate']);
    expect(again.findings[0]?.message).toContain(agency);
    expect(JSON.stringify(again.findings)).not.toContain(partner);
    // Amending is the issuer's own document too: the partner amends its own, never the agency's.
    expect(await registerLpco(t.db, t.kind, { ...lpco, status: 'amended', lines: [{ ...lpco.lines[0]!, quantity: '50' }] }, 'partner-xb', { now })).toBe(
      partner,
    );
    expect((await getLpco(t.db, agency, { now }))?.lines[0]?.quantity).toBe('100.000');
  });

  /** Runs `work` in a transaction that then fails, as the exchange's does when the exchange cannot be stored. */
  const rolledBack = (work: (trx: typeof t.db) => Promise<unknown>) =>
    expect(
      t.db.transaction().execute(async (trx) => {
        await work(trx);
        throw new Error('the exchange could not be stored');
      }),
    ).rejects.toThrow('the exchange could not be stored');

  it("registers in the caller's transaction: rolled back, neither the document nor the replacement of the one it replaces stays", async () => {
    const old = sampleLpco();
    const oldId = await registerLpco(t.db, t.kind, old, PLANT_AUTHORITY, { now });
    const replacing = sampleLpco({ replaces: old.number });
    await rolledBack(async (trx) => {
      await registerIn(trx, t.kind, replacing, PLANT_AUTHORITY, { now });
      expect((await getLpco(trx, oldId, { now }))?.status).toBe('replaced');
    });
    expect(await t.db.selectFrom('lpcos').select('id').where('number', '=', replacing.number).execute()).toEqual([]);
    const restored = await getLpco(t.db, oldId, { now });
    expect([restored?.status, restored?.replacedBy, restored?.history.map((h) => h.to)]).toEqual(['issued', null, ['issued']]);
    // An amendment too: its lines and status stay as they were.
    await rolledBack((trx) => registerIn(trx, t.kind, { ...old, status: 'amended', lines: [{ ...old.lines[0]!, quantity: '1' }] }, PLANT_AUTHORITY, { now }));
    const unamended = await getLpco(t.db, oldId, { now });
    expect([unamended?.status, unamended?.lines[0]?.quantity]).toEqual(['issued', '100.000']);
  });

  it("changes a status in the caller's transaction: rolled back, the LPCO and its history are as before", async () => {
    const id = await registerLpco(t.db, t.kind, sampleLpco(), PLANT_AUTHORITY, { now });
    const planned = await planStatusChange(t.db, id, { status: 'withdrawn', reason: 'x' }, PLANT_AUTHORITY, { now });
    expect(planned.status).toBe('withdrawn');
    expect((await getLpco(t.db, id, { now }))?.status).toBe('issued');
    await rolledBack(async (trx) => {
      await changeStatusIn(trx, t.kind, id, { status: 'withdrawn', reason: 'x' }, PLANT_AUTHORITY, { now });
      expect((await getLpco(trx, id, { now }))?.status).toBe('withdrawn');
    });
    const view = await getLpco(t.db, id, { now });
    expect([view?.status, view?.history.map((h) => h.to)]).toEqual(['issued', ['issued']]);
    expect((await rejected(planStatusChange(t.db, id, { status: 'revoked', reason: 'x' }, 'pga-food', { now }))).status).toBe(403);
  });

  it('lets only the issuer change the status, along the lifecycle', async () => {
    const id = await registerLpco(t.db, t.kind, sampleLpco(), PLANT_AUTHORITY, { now });
    const stranger = await rejected(changeStatus(t.db, t.kind, id, { status: 'revoked', reason: 'mine now' }, 'pga-food', { now }));
    expect([stranger.status, stranger.findings[0]?.code]).toEqual([403, 'lpco.not-issuer']);

    const view = await changeStatus(t.db, t.kind, id, { status: 'revoked', reason: 'pest found on inspection' }, PLANT_AUTHORITY, { now });
    expect(view.status).toBe('revoked');
    expect(view.history.at(-1)).toEqual({ at: now().toISOString(), from: 'issued', to: 'revoked', reason: 'pest found on inspection', actor: PLANT_AUTHORITY });

    const again = await rejected(changeStatus(t.db, t.kind, id, { status: 'withdrawn', reason: 'x' }, PLANT_AUTHORITY, { now }));
    expect([again.status, again.findings[0]?.code, again.findings[0]?.message]).toEqual([
      409,
      'lpco.transition',
      'An LPCO that is revoked cannot become withdrawn; revoked is final',
    ]);
    const unknown = await rejected(changeStatus(t.db, t.kind, '01ARZ3NDEKTSV4RRFFQ69G5FAV', { status: 'revoked', reason: 'x' }, PLANT_AUTHORITY, { now }));
    expect(unknown.status).toBe(404);
  });

  it('keeps replaced, amended and exhausted for documents and write-offs', async () => {
    const id = await registerLpco(t.db, t.kind, sampleLpco(), PLANT_AUTHORITY, { now });
    const err = await rejected(changeStatus(t.db, t.kind, id, { status: 'exhausted' as 'revoked', reason: 'x' }, PLANT_AUTHORITY, { now }));
    expect([err.status, err.findings[0]?.code]).toEqual([422, 'lpco.status-not-settable']);
  });

  it('reads an LPCO past its validity as expired, by the injected clock', async () => {
    const id = await registerLpco(t.db, t.kind, sampleLpco(), PLANT_AUTHORITY, { now });
    expect((await getLpco(t.db, id, { now: () => new Date('2026-03-10T23:59:59Z') }))?.status).toBe('issued');
    const later = () => new Date('2026-03-11T00:00:00Z');
    expect((await getLpco(t.db, id, { now: later }))?.status).toBe('expired');
    const err = await rejected(changeStatus(t.db, t.kind, id, { status: 'revoked', reason: 'too late' }, PLANT_AUTHORITY, { now: later }));
    expect(err.findings[0]?.code).toBe('lpco.transition');
  });

  it('marks the document a replacing one names as replaced, by the same issuer only', async () => {
    const old = sampleLpco();
    const oldId = await registerLpco(t.db, t.kind, old, PLANT_AUTHORITY, { now });
    // Another issuer's documents are not its to name: to it, that number is not registered.
    const foreign = await rejected(registerLpco(t.db, t.kind, sampleLpco({ replaces: old.number }), 'pga-food', { now }));
    expect([foreign.status, foreign.findings[0]?.code]).toEqual([422, 'lpco.replaces-unknown']);

    const replacement = sampleLpco({ replaces: old.number });
    const newId = await registerLpco(t.db, t.kind, replacement, PLANT_AUTHORITY, { now });
    const oldView = await getLpco(t.db, oldId, { now });
    expect([oldView?.status, oldView?.replacedBy]).toEqual(['replaced', newId]);
    expect(oldView?.history.at(-1)).toMatchObject({ from: 'issued', to: 'replaced', reason: `replaced by N851 ${replacement.number}` });
    expect((await getLpco(t.db, newId, { now }))?.status).toBe('issued');

    const twice = await rejected(registerLpco(t.db, t.kind, sampleLpco({ replaces: old.number }), PLANT_AUTHORITY, { now }));
    expect([twice.status, twice.findings[0]?.code]).toEqual([409, 'lpco.transition']);
    const nothing = await rejected(registerLpco(t.db, t.kind, sampleLpco({ replaces: 'NO-NEVER-ISSUED' }), PLANT_AUTHORITY, { now }));
    expect([nothing.status, nothing.findings[0]?.code]).toEqual([422, 'lpco.replaces-unknown']);
  });

  it('amends a document in place when the issuer sends it again as amended', async () => {
    const lpco = sampleLpco();
    const id = await registerLpco(t.db, t.kind, lpco, PLANT_AUTHORITY, { now });
    const amended = { ...lpco, status: 'amended' as const, validUntil: '2026-04-30', lines: [{ ...lpco.lines[0]!, quantity: '150' }] };
    expect(await registerLpco(t.db, t.kind, amended, PLANT_AUTHORITY, { now })).toBe(id);
    const view = await getLpco(t.db, id, { now });
    expect([view?.status, view?.validUntil, view?.lines[0]?.remaining]).toEqual(['amended', '2026-04-30', '150.000']);
    expect(view?.history.map((h) => h.to)).toEqual(['issued', 'amended']);
  });
});
