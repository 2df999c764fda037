import { describe, expect, it } from 'vitest';
import type { RejectionError } from '../../src/findings.js';
import { changeStatus, getLpco, registerLpco } from '../../src/lpco/registry.js';
import {
  type CitationPolicy,
  type LpcoCitation,
  releaseForDeclaration,
  releaseIn,
  reserveForDeclaration,
  reserveIn,
  writeOffForDeclaration,
  writeOffIn,
} from '../../src/lpco/write-off.js';
import { inWriteTransaction } from '../../src/store/write-lock.js';
import { databaseKinds } from '../support/databases.js';
import { rejected } from '../support/rejections.js';
import { HOLDER, PLANT_AUTHORITY, duringValidity, sampleLpco, useLpcoDatabase } from './support.js';
import type { Lpco } from '../../src/lpco/lpco.js';

const kinds = await databaseKinds();
const policy: CitationPolicy = { unknownLpco: 'error', now: duringValidity };

let declarations = 0;
const declarationId = () => `01JDECLARATION${String(++declarations).padStart(12, '0')}`;

const cite = (lpco: Lpco, quantity?: string, extra: Partial<LpcoCitation> = {}): LpcoCitation => ({
  documentCode: lpco.documentCode,
  number: lpco.number,
  goodsItem: '1',
  ...(quantity === undefined ? {} : { quantity, unit: 'KGM' }),
  ...extra,
});

describe.each(kinds)('LPCO write-off on %s', (kind) => {
  const t = useLpcoDatabase(kind);

  async function registered(overrides: Partial<Lpco> = {}): Promise<{ id: string; lpco: Lpco }> {
    const lpco = sampleLpco(overrides);
    return { id: await registerLpco(t.db, t.kind, lpco, PLANT_AUTHORITY, { now: duringValidity }), lpco };
  }
  const remaining = async (id: string) => (await getLpco(t.db, id, { now: duringValidity }))?.lines.map((l) => l.remaining);
  const reserve = (citations: LpcoCitation[], holderId: string | null = HOLDER, id = declarationId()) =>
    reserveForDeclaration(t.db, t.kind, { declarationExchangeId: id, holderId, citations, actsFor: [HOLDER, 'GB999999999000'] }, policy);

  it('reserves per line and reports what it reserved', async () => {
    const { id, lpco } = await registered();
    const outcome = await reserve([cite(lpco, '30.5'), cite(lpco, '0.25', { goodsItem: '2', unit: 'KGM#G' })]);
    expect(outcome.findings).toEqual([]);
    expect(outcome.reservations).toEqual([
      { lpcoId: id, documentCode: 'N851', number: lpco.number, goodsItem: '1', line: '1', quantity: '30.500', unit: 'KGM' },
      { lpcoId: id, documentCode: 'N851', number: lpco.number, goodsItem: '2', line: '1', quantity: '0.250', unit: 'KGM' },
    ]);
    expect(await remaining(id)).toEqual(['69.250']);
  });

  it('never over-draws: of 50 concurrent declarations of 3 kg against 100 kg, exactly 33 succeed', async () => {
    const { id, lpco } = await registered();
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => reserve([cite(lpco, '3')])));
    const succeeded = results.filter((r) => r.status === 'fulfilled').length;
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as RejectionError).findings[0]?.code] : []));
    expect(succeeded).toBe(33);
    expect(new Set(refusals)).toEqual(new Set(['lpco.quantity-insufficient']));
    const reserved = await t.db.selectFrom('lpco_reservations').select('quantity').where('lpco_id', '=', id).execute();
    expect(reserved.reduce((sum, r) => sum + BigInt(r.quantity), 0n)).toBe(99_000n);
    expect(await remaining(id)).toEqual(['1.000']);
  });

  it('exhausts the LPCO when every line reaches zero, and a release makes it usable again', async () => {
    const { id, lpco } = await registered();
    const declaration = declarationId();
    await reserve([cite(lpco, '100')], HOLDER, declaration);
    expect((await getLpco(t.db, id, { now: duringValidity }))?.status).toBe('exhausted');
    const refusal = await rejected(reserve([cite(lpco, '1')]));
    expect(refusal.findings.map((f) => [f.code, f.message])).toEqual([
      ['lpco.exhausted', `N851 ${lpco.number} (goods item 1) is exhausted: nothing is left to write off`],
    ]);

    const released = await releaseForDeclaration(t.db, t.kind, declaration, { now: duringValidity });
    expect(released).toEqual([
      { movement: 'released', lpcoId: id, documentCode: 'N851', number: lpco.number, goodsItem: '1', line: '1', quantity: '100.000', unit: 'KGM' },
    ]);
    const view = await getLpco(t.db, id, { now: duringValidity });
    expect([view?.status, view?.lines[0]?.remaining]).toEqual(['issued', '100.000']);
    expect(
      view?.history.map((h) => `${h.from}→${h.to} by ${h.actor}${h.movement ? `: ${h.movement.kind} ${h.movement.quantity} of line ${h.movement.line}` : ''}`),
    ).toEqual([
      'null→issued by pga-plant',
      'issued→issued by registry: reserved 100.000 of line 1',
      'issued→exhausted by registry',
      'exhausted→exhausted by registry: released 100.000 of line 1',
      'exhausted→issued by registry',
    ]);
    expect(await releaseForDeclaration(t.db, t.kind, declaration)).toEqual([]);
  });

  it('gives a reservation back once, however many releases race for it', async () => {
    const { id, lpco } = await registered();
    const declaration = declarationId();
    await reserve([cite(lpco, '40'), cite(lpco, '2', { goodsItem: '2' })], HOLDER, declaration);
    const releases = await Promise.all(Array.from({ length: 5 }, () => releaseForDeclaration(t.db, t.kind, declaration)));
    expect(releases.map((r) => r.length).sort()).toEqual([0, 0, 0, 0, 2]);
    expect(await remaining(id)).toEqual(['100.000']);
  });

  it('lets an amendment change quantities but not below what is drawn', async () => {
    const { id, lpco } = await registered();
    await reserve([cite(lpco, '30')]);
    const amend = (quantity: string) =>
      registerLpco(t.db, t.kind, { ...lpco, status: 'amended', lines: [{ ...lpco.lines[0]!, quantity }] }, PLANT_AUTHORITY, { now: duringValidity });
    const below = await rejected(amend('29.999'));
    expect([below.status, below.findings[0]?.code, below.findings[0]?.message]).toEqual([
      409,
      'lpco.amendment-below-drawn',
      'Line 1 would be below the 30.000 KGM already drawn',
    ]);
    await amend('50');
    expect(await remaining(id)).toEqual(['20.000']);
  });

  it('keeps written-off quantities when the declaration is released afterwards', async () => {
    const { id, lpco } = await registered();
    const declaration = declarationId();
    await reserve([cite(lpco, '10')], HOLDER, declaration);
    expect(await writeOffForDeclaration(t.db, declaration)).toHaveLength(1);
    expect(await releaseForDeclaration(t.db, t.kind, declaration)).toEqual([]);
    expect(await remaining(id)).toEqual(['90.000']);
  });

  it('gives written-off quantities back too when the declaration is cancelled, once', async () => {
    const { id, lpco } = await registered();
    const declaration = declarationId();
    await reserve([cite(lpco, '10')], HOLDER, declaration);
    expect(await writeOffForDeclaration(t.db, declaration)).toMatchObject([{ movement: 'written-off', quantity: '10.000' }]);
    expect(await releaseForDeclaration(t.db, t.kind, declaration, { includingWrittenOff: true })).toMatchObject([
      { movement: 'given-back', quantity: '10.000' },
    ]);
    expect(await releaseForDeclaration(t.db, t.kind, declaration, { includingWrittenOff: true })).toEqual([]);
    expect(await remaining(id)).toEqual(['100.000']);
  });

  it('refuses revoked, expired, replaced and other holders’ LPCOs with findings that name the document', async () => {
    const revoked = await registered();
    await changeStatus(t.db, t.kind, revoked.id, { status: 'revoked', reason: 'pest found' }, PLANT_AUTHORITY, { now: duringValidity });
    const expired = await registered({ validUntil: '2026-01-31' });
    const foreign = await registered({ holder: { id: 'GB999999999000', name: 'Someone Else Ltd' } });
    const replaced = await registered();
    const replacement = await registered({ replaces: replaced.lpco.number });
    const usable = await registered();

    const err = await rejected(
      reserve([
        cite(usable.lpco, '5'),
        cite(revoked.lpco, '5'),
        cite(expired.lpco),
        cite(foreign.lpco, '1', { path: '/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/0/AdditionalDocument/1' }),
        cite(replaced.lpco),
      ]),
    );
    expect(err.status).toBe(422);
    expect(err.findings.map((f) => [f.code, f.path])).toEqual([
      ['lpco.revoked', '/citations/1'],
      ['lpco.expired', '/citations/2'],
      ['lpco.holder-mismatch', '/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/0/AdditionalDocument/1'],
      ['lpco.replaced', '/citations/4'],
    ]);
    expect(err.findings.map((f) => f.message)).toEqual([
      `N851 ${revoked.lpco.number} (goods item 1) has been revoked by its issuer`,
      `N851 ${expired.lpco.number} (goods item 1) has expired (valid until 2026-01-31)`,
      `N851 ${foreign.lpco.number} (goods item 1) is held by GB999999999000; the declaration's trader is ${HOLDER}`,
      `N851 ${replaced.lpco.number} (goods item 1) has been replaced by N851 ${replacement.lpco.number}; cite the replacing document`,
    ]);
    // All or nothing: the usable citation drew nothing either.
    expect(await remaining(usable.id)).toEqual(['100.000']);
  });

  it('treats an unknown LPCO as a warning or an error by policy', async () => {
    const { lpco } = await registered();
    const unknown: LpcoCitation = { documentCode: 'C400', number: 'FRICP12568' };
    const warned = await reserveForDeclaration(
      t.db,
      t.kind,
      { declarationExchangeId: declarationId(), holderId: HOLDER, actsFor: [HOLDER], citations: [unknown, cite(lpco, '1')] },
      { ...policy, unknownLpco: 'warning' },
    );
    expect(warned.findings.map((f) => [f.severity, f.code, f.message])).toEqual([['warning', 'lpco.unknown', 'C400 FRICP12568 is not in the LPCO registry']]);
    expect(warned.reservations).toHaveLength(1);
    const err = await rejected(reserve([unknown]));
    expect(err.findings.map((f) => [f.severity, f.code])).toEqual([['error', 'lpco.unknown']]);
  });

  it('matches unit and line, and adds up what several goods items draw on one line', async () => {
    const two = await registered({
      lines: [
        { sequence: '1', description: 'Roses', hsCode: '060240', quantity: '10', unit: 'KGM', origin: 'NO' },
        { sequence: '2', description: 'Cuttings', hsCode: '060290', quantity: '10', unit: 'KGM', origin: 'NO' },
      ],
    });
    const wrongUnit = await rejected(reserve([cite(two.lpco, '1', { unit: 'NAR' })]));
    expect(wrongUnit.findings[0]?.code).toBe('lpco.unit-not-convertible');
    const ambiguous = await rejected(reserve([cite(two.lpco, '1')]));
    expect(ambiguous.findings[0]?.code).toBe('lpco.line-ambiguous');
    const tooMuch = await rejected(reserve([cite(two.lpco, '6', { hsCode: '06029010' }), cite(two.lpco, '6', { goodsItem: '2', line: '2' })]));
    expect(tooMuch.findings.map((f) => [f.code, f.message])).toEqual([
      ['lpco.quantity-insufficient', `N851 ${two.lpco.number} line 2 has 10.000 KGM left; the declaration writes off 12.000 KGM`],
    ]);
    const fits = await reserve([
      cite(two.lpco, '6', { hsCode: '06029010' }),
      cite(two.lpco, '4', { goodsItem: '2', line: '2' }),
      cite(two.lpco, '2', { hsCode: '060240' }),
    ]);
    expect(fits.reservations.map((r) => [r.line, r.quantity])).toEqual([
      ['2', '6.000'],
      ['2', '4.000'],
      ['1', '2.000'],
    ]);
    expect(await remaining(two.id)).toEqual(['8.000', '0.000']);
    expect((await getLpco(t.db, two.id, { now: duringValidity }))?.status).toBe('issued');
  });

  it('reserves once per declaration, and draws nothing for one it refuses', async () => {
    const { id, lpco } = await registered();
    const declaration = declarationId();
    await reserve([cite(lpco, '1')], HOLDER, declaration);
    const twice = await rejected(reserve([cite(lpco, '1')], HOLDER, declaration));
    expect([twice.status, twice.findings[0]?.code]).toEqual([409, 'lpco.already-reserved']);

    const racing = declarationId();
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => reserve([cite(lpco, '1')], HOLDER, racing)));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);

    const refused = await rejected(
      reserveForDeclaration(
        t.db,
        t.kind,
        { declarationExchangeId: declarationId(), holderId: 'GB999999999000', actsFor: [HOLDER, 'GB999999999000'], citations: [cite(lpco, '500')] },
        policy,
      ),
    );
    expect(refused.findings.map((f) => f.code)).toEqual(['lpco.holder-mismatch', 'lpco.quantity-insufficient']);
    expect(await remaining(id)).toEqual(['98.000']);
  });

  it('writes what a transaction reserved before a write-off or a release in it, and reserves after a release against what it gave back', async () => {
    const { id, lpco } = await registered();
    const earlier = declarationId();
    await reserve([cite(lpco, '60')], HOLDER, earlier);
    const request = (quantity: string, declarationExchangeId = declarationId()) => ({
      declarationExchangeId,
      holderId: HOLDER,
      citations: [cite(lpco, quantity)],
      actsFor: [HOLDER],
    });
    const moved = await inWriteTransaction(t.db, t.kind, async (trx) => {
      const last = declarationId();
      await reserveIn(trx, t.kind, request('30', last), policy);
      const writtenOff = await writeOffIn(trx, last, { now: duringValidity });
      // Draws the last 10 kg: in memory the LPCO is exhausted until the release below gives 60 kg back.
      await reserveIn(trx, t.kind, request('10'), policy);
      const released = await releaseIn(trx, t.kind, earlier, { now: duringValidity });
      const after = await reserveIn(trx, t.kind, request('50'), policy);
      return [writtenOff, released, after.reservations].map((rows) => rows.map((r) => r.quantity));
    });
    expect(moved).toEqual([['30.000'], ['60.000'], ['50.000']]);
    const view = await getLpco(t.db, id, { now: duringValidity });
    expect([view?.status, view?.lines[0]?.remaining]).toEqual(['issued', '10.000']);
  });

  it('refuses to reserve in a transaction that is not a write transaction, every time, rather than lose the reservation', async () => {
    const { id, lpco } = await registered();
    const request = { declarationExchangeId: declarationId(), holderId: HOLDER, citations: [cite(lpco, '1')], actsFor: [HOLDER] };
    await t.db.transaction().execute(async (trx) => {
      await expect(reserveIn(trx, t.kind, request, policy)).rejects.toThrow('beforeCommit needs a transaction from inWriteTransaction');
      await expect(reserveIn(trx, t.kind, request, policy)).rejects.toThrow('beforeCommit needs a transaction from inWriteTransaction');
    });
    expect(await remaining(id)).toEqual(['100.000']);
  });

  it('checks a declaration citing thousands of e-LPCOs (AdditionalDocuments are unbounded) instead of failing on the size of one query', async () => {
    const { id, lpco } = await registered();
    const unknown = Array.from({ length: 8000 }, (_, i) => cite({ ...lpco, number: `UNKNOWN-${i}` }));
    const outcome = await reserveForDeclaration(
      t.db,
      t.kind,
      { declarationExchangeId: declarationId(), holderId: HOLDER, citations: [...unknown, cite(lpco, '5')], actsFor: [HOLDER] },
      { ...policy, unknownLpco: 'warning' },
    );
    expect([outcome.findings.length, new Set(outcome.findings.map((f) => f.code))]).toEqual([8000, new Set(['lpco.unknown'])]);
    expect(outcome.reservations.map((r) => r.quantity)).toEqual(['5.000']);
    expect(await remaining(id)).toEqual(['95.000']);
  });

  it('refuses a licence held by a trader the sender does not act for, naming it and its holder, telling nothing of its balance', async () => {
    const { id, lpco } = await registered();
    const request = { declarationExchangeId: declarationId(), holderId: 'GB555555555000', actsFor: ['GB555555555000'], citations: [cite(lpco, '500')] };
    const err = await rejected(reserveForDeclaration(t.db, t.kind, request, policy));
    expect(err.findings.map((f) => [f.code, f.message])).toEqual([
      ['lpco.holder-not-represented', `N851 ${lpco.number} (goods item 1) is held by ${HOLDER}, for whom the sender does not act`],
    ]);
    expect(await remaining(id)).toEqual(['100.000']);
  });

  it('resolves a number two issuers use to the one held by a trader the sender acts for', async () => {
    const mine = await registered();
    const theirs = await registerLpco(t.db, t.kind, { ...mine.lpco, holder: { id: 'GB777777777000', name: 'Other Ltd' } }, 'partner-xb', {
      now: duringValidity,
    });
    const draw = (actsFor: string[], holderId = HOLDER) =>
      reserveForDeclaration(t.db, t.kind, { declarationExchangeId: declarationId(), holderId, actsFor, citations: [cite(mine.lpco, '1')] }, policy);
    expect((await draw([HOLDER])).reservations.map((r) => r.lpcoId)).toEqual([mine.id]);
    expect((await draw(['GB777777777000'], 'GB777777777000')).reservations.map((r) => r.lpcoId)).toEqual([theirs]);
    const both = await rejected(draw([HOLDER, 'GB777777777000']));
    expect(both.findings.map((f) => f.code)).toEqual(['lpco.ambiguous']);
    const neither = await rejected(draw(['GB555555555000']));
    expect(neither.findings.map((f) => [f.code, f.message])).toEqual([
      ['lpco.holder-not-represented', `N851 ${mine.lpco.number} (goods item 1) is not held by a trader the sender acts for`],
    ]);
    expect(await remaining(mine.id)).toEqual(['99.000']);
  });

  it("converts the declared quantity into the line's unit, rounding up, and refuses a unit that does not convert", async () => {
    const { id, lpco } = await registered();
    const grams = await reserve([cite(lpco, '2500', { unit: 'GRM' }), cite(lpco, '1.5', { goodsItem: '2', unit: 'GRM' })]);
    expect(grams.reservations.map((r) => `${r.quantity} ${r.unit}`)).toEqual(['2.500 KGM', '0.002 KGM']);
    expect(await remaining(id)).toEqual(['97.498']);
    const tonne = await rejected(reserve([cite(lpco, '1', { unit: 'TNE' })]));
    expect(tonne.findings.map((f) => f.code)).toEqual(['lpco.quantity-insufficient']);
    for (const unit of ['NAR', 'LTR', 'XYZ']) {
      const err = await rejected(reserve([cite(lpco, '1', { unit })]));
      expect([err.findings[0]?.code, err.findings[0]?.message]).toEqual([
        'lpco.unit-not-convertible',
        `N851 ${lpco.number} (goods item 1) is issued in KGM; the declaration writes off in ${unit}, which does not convert to it`,
      ]);
    }
  });

  it("refuses goods outside the licence's HS codes, with or without a quantity", async () => {
    const { id, lpco } = await registered();
    for (const quantity of ['1', undefined]) {
      const err = await rejected(reserve([cite(lpco, quantity, { hsCode: '07019050' })]));
      expect(err.findings.map((f) => [f.code, f.message])).toEqual([
        ['lpco.goods-outside-licence', `N851 ${lpco.number} (goods item 1) covers HS 060290; the goods item is classified 07019050`],
      ]);
    }
    expect((await reserve([cite(lpco, '1', { hsCode: '06029045' })])).reservations).toHaveLength(1);
    expect(await remaining(id)).toEqual(['99.000']);
  });

  it('checks validity on the date the declaration is accepted, both ends inclusive', async () => {
    const { lpco } = await registered();
    const on = (date: string) =>
      reserveForDeclaration(
        t.db,
        t.kind,
        { declarationExchangeId: declarationId(), holderId: HOLDER, actsFor: [HOLDER], citations: [cite(lpco, '1')] },
        { ...policy, now: () => new Date(`${date}T12:00:00Z`) },
      );
    expect((await rejected(on('2026-01-09'))).findings.map((f) => [f.code, f.message])).toEqual([
      ['lpco.not-yet-valid', `N851 ${lpco.number} (goods item 1) is valid from 2026-01-10`],
    ]);
    expect((await on('2026-01-10')).reservations).toHaveLength(1);
    expect((await on('2026-03-10')).reservations).toHaveLength(1);
    expect((await rejected(on('2026-03-11'))).findings.map((f) => f.code)).toEqual(['lpco.expired']);
  });

  it('serialises a revocation with concurrent write-offs: none is accepted after it', async () => {
    const { id, lpco } = await registered({ lines: [{ ...sampleLpco().lines[0]!, quantity: '1000' }] });
    const writeOffs = Array.from({ length: 20 }, () =>
      reserve([cite(lpco, '1')]).then(
        () => 'accepted',
        () => 'refused',
      ),
    );
    const revocation = changeStatus(t.db, t.kind, id, { status: 'revoked', reason: 'recalled' }, PLANT_AUTHORITY, { now: duringValidity });
    const [outcomes] = await Promise.all([Promise.all(writeOffs), revocation]);
    // Reservation and history ids come from one monotonic ULID source, taken under the LPCO's lock:
    // every reservation accepted was made before the revocation.
    const reservations = await t.db.selectFrom('lpco_reservations').select('id').where('lpco_id', '=', id).execute();
    const revokedAt = (
      await t.db.selectFrom('lpco_history').select('id').where('lpco_id', '=', id).where('to_status', '=', 'revoked').executeTakeFirstOrThrow()
    ).id;
    expect(reservations.filter((r) => r.id > revokedAt)).toEqual([]);
    expect(reservations).toHaveLength(outcomes.filter((o) => o === 'accepted').length);
    expect(await remaining(id)).toEqual([`${1000 - reservations.length}.000`]);
    expect((await rejected(reserve([cite(lpco, '1')]))).findings[0]?.code).toBe('lpco.revoked');
  });

  describe('lines as real certificates state them (no HS code, other measures, no quantity)', () => {
    // As the Norwegian ePhyto: a line classified, one named only, and one with no usable quantity.
    const realLines = (): Lpco['lines'] => [
      {
        sequence: '1',
        description: 'Outdoor plants',
        hsCode: '060290',
        botanicalName: 'Ribes',
        quantity: '10',
        unit: 'KGM',
        measure: 'net-weight',
        origin: 'AR',
      },
      { sequence: '2', description: 'Citrus fruit, fresh', botanicalName: 'Citroncirus', quantity: '60', unit: 'KGM', measure: 'gross-weight', origin: 'ZA' },
      { sequence: '3', description: 'Bulbs of tulips', botanicalName: 'Tulipa', origin: 'NL' },
    ];

    it('lists a line without quantity as not quantity-controlled', async () => {
      const { id } = await registered({ lines: realLines() });
      const view = await getLpco(t.db, id, { now: duringValidity });
      expect(view?.lines).toEqual([
        { sequence: '1', quantityControlled: true, hsCode: '060290', unit: 'KGM', quantity: '10.000', remaining: '10.000' },
        { sequence: '2', quantityControlled: true, unit: 'KGM', quantity: '60.000', remaining: '60.000' },
        { sequence: '3', quantityControlled: false },
      ]);
    });

    it('matches a goods item without a matching HS line by its description and the botanical name', async () => {
      const { id, lpco } = await registered({ lines: realLines() });
      const outcome = await reserve([cite(lpco, '5', { hsCode: '08051022', description: 'Fresh CITRONCIRUS hybrids' })]);
      expect(outcome.reservations).toEqual([
        { lpcoId: id, documentCode: 'N851', number: lpco.number, goodsItem: '1', line: '2', quantity: '5.000', unit: 'KGM' },
      ]);
      expect(await remaining(id)).toEqual(['10.000', '55.000', undefined]);
    });

    it('never draws on a line without quantity: the citation is checked, nothing is written off', async () => {
      const { id, lpco } = await registered({ lines: realLines() });
      const outcome = await reserve([cite(lpco, '5', { hsCode: '06031000', description: 'Tulipa bulbs, dormant' })]);
      expect(outcome.reservations).toEqual([]);
      expect(outcome.findings.map((f) => [f.code, f.severity])).toEqual([['lpco.not-quantity-controlled', 'info']]);
      expect(await remaining(id)).toEqual(['10.000', '60.000', undefined]);
      // Nor is an LPCO whose lines state no quantity ever exhausted by write-offs.
      const unmeasured = await registered({ lines: [realLines()[2]!] });
      await reserve([cite(unmeasured.lpco, '1000', { description: 'Tulipa' })]);
      expect((await getLpco(t.db, unmeasured.id, { now: duringValidity }))?.status).toBe('issued');
    });

    it('refuses goods that neither an HS code nor a name covers', async () => {
      const { lpco } = await registered({ lines: realLines() });
      const err = await rejected(reserve([cite(lpco, '1', { hsCode: '94036010', description: 'Wooden furniture' })]));
      expect(err.findings.map((f) => f.code)).toEqual(['lpco.goods-outside-licence']);
      expect(err.findings[0]?.message).toContain('"citrus fruit, fresh" / "citroncirus"');
    });
  });
});
