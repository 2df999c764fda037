import { describe, expect, it } from 'vitest';
import { getLpco, registerLpco } from '../../src/lpco/registry.js';
import type { LpcoTables } from '../../src/lpco/tables.js';
import type { LpcoCitation } from '../../src/lpco/write-off.js';
import { type RegistryDeps, type RegistryStep, writeRegistryStep } from '../../src/pipeline/registry-step.js';
import { tablesOf } from '../../src/store/db.js';
import type { Store } from '../../src/store/exchanges.js';
import { writeInBatch } from '../../src/store/write-batches.js';
import { HOLDER, PLANT_AUTHORITY, duringValidity, sampleLpco } from '../lpco/sample.js';
import { databaseKinds } from '../support/databases.js';
import { usePipelineDatabase } from './support.js';

const deps = { unknownLpco: 'error' as const, now: duringValidity };
type RegistryOutcome = Awaited<ReturnType<typeof writeRegistryStep>>;
const citing = (number: string, quantity: string) => ({ documentCode: 'N851', number, goodsItem: '1', quantity, unit: 'KGM' });
const reserve = (number: string, quantity: string, ...more: LpcoCitation[]): RegistryStep => ({
  step: 'reserve',
  citations: { holderId: HOLDER, actsFor: [HOLDER], sender: 'trader-a', citations: [citing(number, quantity), ...more] },
});

describe.each(await databaseKinds())("the e-LPCO registry's step of an accepted document (%s)", (kind) => {
  const t = usePipelineDatabase(kind);
  const registered = async () => {
    const lpco = sampleLpco();
    return { lpco, id: await registerLpco(t.lpcoDb, kind, lpco, PLANT_AUTHORITY, { now: duringValidity }) };
  };
  const lpcoOf = (id: string) => getLpco(t.lpcoDb, id, { now: duringValidity });

  it('hands back, without writing anything, a reservation the e-LPCO does not cover (422), so the batch it shares stands', async () => {
    const { lpco, id } = await registered();
    const [refusal, neighbour] = await Promise.all([
      writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, reserve(lpco.number, '100.001'), '01JREFUSEDEXCHANGE00000000')),
      writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, reserve(lpco.number, '25'), '01JNEIGHBOUREXCHANGE000000')),
    ]);
    expect([refusal.refused?.status, refusal.refused?.findings[0]?.code, refusal.provenance]).toEqual([422, 'lpco.quantity-insufficient', []]);
    expect(neighbour.refused).toBeUndefined();
    expect((await lpcoOf(id))?.lines[0]?.remaining).toBe('75.000');
    const held = await t.lpcoDb.selectFrom('lpco_reservations').select('declaration_exchange_id').where('lpco_id', '=', id).execute();
    expect(held.map((r) => r.declaration_exchange_id)).toEqual(['01JNEIGHBOUREXCHANGE000000']);
  });

  it('lets a step other than a reservation, or none, through a batch that writes nothing else', async () => {
    expect(await writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, undefined, '01JNOSTEP00000000000000000'))).toEqual({
      findings: [],
      provenance: [],
      extra: {},
    });
  });

  it("reserves in the exchange's transaction and gives the exchange its provenance record (lpco-reserved, by the sender)", async () => {
    const { lpco, id } = await registered();
    const outcome = await writeInBatch(t.store, (transaction) =>
      writeRegistryStep(transaction, deps, reserve(lpco.number, '40'), '01JRESERVINGEXCHANGE000000'),
    );
    expect(outcome.findings).toEqual([]);
    expect(outcome.provenance).toMatchObject([{ exchangeId: '01JRESERVINGEXCHANGE000000', event: 'lpco-reserved', agent: { participant: 'trader-a' } }]);
    expect((await lpcoOf(id))?.lines[0]?.remaining).toBe('60.000');
  });

  it('refuses what another reservation drew first, checked under the lock', async () => {
    const { lpco, id } = await registered();
    await writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, reserve(lpco.number, '30'), '01JRACEWINNER0000000000000'));
    const loser = await writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, reserve(lpco.number, '80'), '01JRACELOSER00000000000000'));
    expect([loser.refused?.status, loser.refused?.findings[0]?.code]).toEqual([422, 'lpco.quantity-insufficient']);
    expect((await lpcoOf(id))?.lines[0]?.remaining).toBe('70.000');
  });

  /** Writes sent together, so that they share one write batch; each notes the transactions it ran in. */
  const together = (writes: Array<(transaction: Store) => Promise<RegistryOutcome>>) => {
    const ranIn = writes.map(() => new Set<unknown>());
    const outcomes = Promise.allSettled(
      writes.map((write, i) =>
        writeInBatch(t.store, (transaction) => {
          ranIn[i]?.add(transaction.db);
          return write(transaction);
        }),
      ),
    );
    return { outcomes, ranIn };
  };
  const step =
    (s: RegistryStep, exchangeId: string, stepDeps: RegistryDeps = deps) =>
    (transaction: Store) =>
      writeRegistryStep(transaction, stepDeps, s, exchangeId);
  const value = (outcome: PromiseSettledResult<RegistryOutcome> | undefined) => (outcome?.status === 'fulfilled' ? outcome.value : undefined);

  it('draws the declarations of one write batch on one e-LPCO in turn: each against what those before it left, each with its own warnings, written at commit', async () => {
    const { lpco, id } = await registered();
    const unknown = { ...citing('NO-NOT-REGISTERED', '1'), goodsItem: '2' };
    const { outcomes, ranIn } = together([
      step(reserve(lpco.number, '40'), '01JBATCHFIRST0000000000000'),
      step(reserve(lpco.number, '50', unknown), '01JBATCHWARNED000000000000', { ...deps, unknownLpco: 'warning' }),
      step(reserve(lpco.number, '20'), '01JBATCHSHORT0000000000000'),
      step(reserve(lpco.number, '10'), '01JBATCHLAST00000000000000'),
      step(reserve(lpco.number, '1'), '01JBATCHAFTEREXHAUSTED0000'),
    ]);
    const [first, warned, short, last, afterExhausted] = (await outcomes).map(value);
    expect(new Set(ranIn.flatMap((transactions) => [...transactions])).size).toBe(1);
    expect([first?.findings, last?.findings]).toEqual([[], []]);
    expect(warned?.findings.map((f) => [f.code, f.severity, f.path])).toEqual([['lpco.unknown', 'warning', '/citations/1']]);
    expect(short?.refused?.findings.map((f) => [f.code, f.message])).toEqual([
      ['lpco.quantity-insufficient', `N851 ${lpco.number} line 1 has 10.000 KGM left; the declaration writes off 20.000 KGM`],
    ]);
    expect(afterExhausted?.refused?.findings.map((f) => f.code)).toEqual(['lpco.exhausted']);

    const view = await lpcoOf(id);
    expect([view?.lines[0]?.remaining, view?.status]).toEqual(['0.000', 'exhausted']);
    const held = await t.lpcoDb
      .selectFrom('lpco_reservations')
      .select(['declaration_exchange_id', 'quantity', 'state'])
      .where('lpco_id', '=', id)
      .orderBy('id')
      .execute();
    expect(held.map((r) => [r.declaration_exchange_id, BigInt(r.quantity), r.state])).toEqual([
      ['01JBATCHFIRST0000000000000', 40_000n, 'reserved'],
      ['01JBATCHWARNED000000000000', 50_000n, 'reserved'],
      ['01JBATCHLAST00000000000000', 10_000n, 'reserved'],
    ]);
    expect(view?.history.slice(1).map((h) => h.movement ?? h.reason)).toEqual([
      { kind: 'reserved', declarationExchangeId: '01JBATCHFIRST0000000000000', line: '1', quantity: '40.000' },
      { kind: 'reserved', declarationExchangeId: '01JBATCHWARNED000000000000', line: '1', quantity: '50.000' },
      { kind: 'reserved', declarationExchangeId: '01JBATCHLAST00000000000000', line: '1', quantity: '10.000' },
      'every line written off (declaration 01JBATCHLAST00000000000000)',
    ]);
  });

  it('rolls the whole batch back when writing its reservations fails at commit, then runs each write alone, each against the balance it finds', async () => {
    const { lpco, id } = await registered();
    // A writer that ignores the registry's lock takes 50 kg between the checks and the commit.
    const drawnBehindTheRegistry = async (transaction: Store): Promise<RegistryOutcome> => {
      await tablesOf<LpcoTables>(transaction.db)
        .updateTable('lpco_lines')
        .set((eb) => ({ remaining: eb('remaining', '-', 50_000n) }))
        .where('lpco_id', '=', id)
        .execute();
      return { findings: [], provenance: [], extra: {} };
    };
    const { outcomes, ranIn } = together([
      step(reserve(lpco.number, '40'), '01JROLLBACKFIRST0000000000'),
      drawnBehindTheRegistry,
      step(reserve(lpco.number, '20'), '01JROLLBACKTHIRD0000000000'),
    ]);
    const [first, behind, third] = (await outcomes).map(value);
    // Each write ran twice: in the batch, rolled back, then in a transaction of its own.
    expect(ranIn.map((transactions) => transactions.size)).toEqual([2, 2, 2]);
    expect([first?.refused, behind?.refused]).toEqual([undefined, undefined]);
    expect(third?.refused?.findings.map((f) => f.message)).toEqual([`N851 ${lpco.number} line 1 has 10.000 KGM left; the declaration writes off 20.000 KGM`]);
    expect((await lpcoOf(id))?.lines[0]?.remaining).toBe('10.000');
    const history = (await lpcoOf(id))?.history.flatMap((h) => (h.movement ? [h.movement.declarationExchangeId] : []));
    expect(history).toEqual(['01JROLLBACKFIRST0000000000']);
  });

  it('writes the reservations a batch holds before a status change in it, and checks those after it against the new status', async () => {
    const { lpco, id } = await registered();
    const revoke: RegistryStep = { step: 'change-status', lpcoId: id, change: { status: 'revoked', reason: 'pest found' }, issuer: PLANT_AUTHORITY };
    const { outcomes, ranIn } = together([
      step(reserve(lpco.number, '40'), '01JBEFOREREVOCATION0000000'),
      step(revoke, '01JREVOCATION0000000000000'),
      step(reserve(lpco.number, '10'), '01JAFTERREVOCATION00000000'),
    ]);
    const [before, , after] = (await outcomes).map(value);
    expect(new Set(ranIn.flatMap((transactions) => [...transactions])).size).toBe(1);
    expect(before?.refused).toBeUndefined();
    expect(after?.refused?.findings.map((f) => f.code)).toEqual(['lpco.revoked']);
    const view = await lpcoOf(id);
    expect([view?.status, view?.lines[0]?.remaining]).toEqual(['revoked', '60.000']);
    expect(view?.history.map((h) => h.movement?.kind ?? h.to)).toEqual(['issued', 'reserved', 'revoked']);
  });

  it("registers an e-LPCO, answering with its id, and changes an e-LPCO's status, each only if its transaction commits", async () => {
    const lpco = sampleLpco();
    const { extra } = await writeInBatch(t.store, (transaction) =>
      writeRegistryStep(transaction, deps, { step: 'register', lpco, issuer: PLANT_AUTHORITY }, '01JREGISTERING000000000000'),
    );
    expect((await lpcoOf(extra.lpcoId ?? ''))?.number).toBe(lpco.number);

    const revoke: RegistryStep = {
      step: 'change-status',
      lpcoId: extra.lpcoId ?? '',
      change: { status: 'revoked', reason: 'pest found' },
      issuer: PLANT_AUTHORITY,
    };
    const failed = writeInBatch(t.store, async (transaction) => {
      await writeRegistryStep(transaction, deps, revoke, '01JREVOKINGFAILS0000000000');
      throw new Error('the exchange could not be stored');
    });
    await expect(failed).rejects.toThrow('the exchange could not be stored');
    expect((await lpcoOf(extra.lpcoId ?? ''))?.status).toBe('issued');
    await writeInBatch(t.store, (transaction) => writeRegistryStep(transaction, deps, revoke, '01JREVOKING000000000000000'));
    expect((await lpcoOf(extra.lpcoId ?? ''))?.status).toBe('revoked');
  });
});
