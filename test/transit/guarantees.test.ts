import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../src/config/load.js';
import { openDatabase } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { inWriteTransaction } from '../../src/store/write-lock.js';
import {
  type LedgerSettings,
  SANDBOX_LEDGER,
  balanceOf,
  carriesGrn,
  checkLedgerSettings,
  loadConfiguredGuarantees,
  release,
  reserve,
  reserveAll,
  toHundredths,
} from '../../src/transit/guarantees.js';
import { readDeparture } from '../../src/transit/read.js';
import { iso6346CheckDigit } from '../../src/transit/references.js';
import { type TransitTables, transitMigrations } from '../../src/transit/tables.js';
import { validateCtcMessage } from '../../src/transit/validate.js';
import { createTestDatabase, databaseKinds } from '../support/databases.js';
import { PACK_MESSAGES, fillTemplate } from './test-pack.js';

const kinds = await databaseKinds();
const SANDBOX_GRN = '26GB0000010000053';
let movements = 0;
const movementId = () => `01JMOVEMENT${String(++movements).padStart(15, '0')}`;
const gbp = (amount: string, grn = SANDBOX_GRN) => ({ grn, amount, currency: 'GBP', officeOfDepartureCountry: 'GB' });

describe('configuration (config YAML transit.guarantees)', () => {
  function configFile(yaml: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'swgate-transit-config-'));
    writeFileSync(join(dir, 'config.yaml'), yaml);
    return join(dir, 'config.yaml');
  }
  const base = 'participants:\n  - { id: customs, kind: customs, name: C }\nagreements: []\n';

  it('the sandbox knows its GRN with 5,000.00 GBP and covers any other well-formed one with 1,000,000.00', () => {
    expect(loadConfig({}).transit).toEqual(SANDBOX_LEDGER);
    expect(loadConfig({ SWGATE_CONFIG: configFile(base) }).transit).toEqual({ guarantees: [] });
  });

  it('refuses malformed entries by their place in the file, and amounts written as YAML numbers', () => {
    const yaml = `${base}transit:\n  guarantees:\n    - { grn: 26gb0000010000053, referenceAmount: 5000.00, currency: GBP }\n    - { grn: 26GB0000010000053, referenceAmount: '1.001', currency: GBPX }\n  unknownGrnCover: lots\n`;
    let problems: string[] = [];
    try {
      loadConfig({ SWGATE_CONFIG: configFile(yaml) });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    for (const place of [
      'transit.guarantees.0.grn',
      'transit.guarantees.0.referenceAmount',
      'transit.guarantees.1.referenceAmount',
      'transit.guarantees.1.currency',
      'transit.unknownGrnCover',
    ]) {
      expect(
        problems.some((p) => p.includes(place)),
        place,
      ).toBe(true);
    }
  });

  it("a wrong check digit passes the file's pattern and is refused at start, before anything is written", async () => {
    const config = loadConfig({
      SWGATE_CONFIG: configFile(`${base}transit:\n  guarantees:\n    - { grn: 26GB0000010000054, referenceAmount: '1.00', currency: GBP }\n`),
    });
    const test = await createTestDatabase('sqlite');
    const db = openDatabase<TransitTables>(test.target);
    try {
      await migrateToLatest(db, transitMigrations);
      await expect(loadConfiguredGuarantees(db, config.transit)).rejects.toThrow(/26GB0000010000054" is not a well-formed GRN/);
      expect(await db.selectFrom('transit_guarantees').selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
      await test.drop();
    }
  });
});

describe('amounts', () => {
  it('guarantee types with a GRN are 0, 1, 2, 4 and 9 (CL251); cash (3) and waivers (5) have none', () => {
    expect(['0', '1', '2', '3', '4', '5', '7', '8', '9', 'A', 'B', 'R'].filter(carriesGrn)).toEqual(['0', '1', '2', '4', '9']);
  });

  it("are exact hundredths of the schema's decimals, never floats", () => {
    expect(toHundredths('1000.000000')).toBe(100000n);
    expect(toHundredths('0.1')).toBe(10n);
    expect(toHundredths('9999999999999999')).toBe(999999999999999900n);
    for (const bad of ['1.001', '-1', '1e3', '', '.5', '01', '12345678901234567', 'NaN']) expect(toHundredths(bad), bad).toBeUndefined();
  });

  it('configuration is checked whole, every problem named', () => {
    expect(() => checkLedgerSettings(SANDBOX_LEDGER)).not.toThrow();
    expect(() =>
      checkLedgerSettings({
        guarantees: [
          { grn: '26GB0000010000054', referenceAmount: '1', currency: 'GBP' },
          { grn: SANDBOX_GRN, referenceAmount: '1.001', currency: 'gbp' },
          { grn: SANDBOX_GRN, referenceAmount: '1', currency: 'GBP' },
        ],
      }),
    ).toThrow(/grn "26GB0000010000054".*referenceAmount "1.001".*currency "gbp".*configured twice/);
  });
});

describe.each(kinds)('the guarantee ledger on %s', (kind) => {
  const handles: Array<Kysely<TransitTables>> = [];
  let drop: () => Promise<void>;
  let db: Kysely<TransitTables>;
  let other: Kysely<TransitTables>;
  beforeAll(async () => {
    const test = await createTestDatabase(kind);
    drop = test.drop;
    // PostgreSQL: two handles (pools) on one database, as two gateway processes have. SQLite: one,
    // as better-sqlite3 waits for a lock synchronously: a second connection in the same thread would
    // block the one holding it (processes take turns through BEGIN IMMEDIATE, store/write-lock.ts).
    db = openDatabase<TransitTables>(test.target);
    other = kind === 'postgres' ? openDatabase<TransitTables>(test.target) : db;
    handles.push(...new Set([db, other]));
    await migrateToLatest(db, transitMigrations);
  });
  afterAll(async () => {
    for (const h of handles) await h.destroy();
    await drop();
  });

  const inLock = <T>(handle: Kysely<TransitTables>, work: (trx: Kysely<TransitTables>) => Promise<T>) => inWriteTransaction(handle, kind, work);
  const balance = async (grn = SANDBOX_GRN) => (await balanceOf(db, grn))?.balance;

  it('knows the sandbox guarantee: 5,000.00 GBP', async () => {
    await loadConfiguredGuarantees(db, SANDBOX_LEDGER);
    expect(await balanceOf(db, SANDBOX_GRN)).toEqual({ referenceAmount: '5000.00', balance: '5000.00', currency: 'GBP' });
  });

  it('two movements racing for the last 1,000.00: exactly one wins (on PostgreSQL from two connections)', async () => {
    const first = await inLock(db, (trx) => reserve(trx, SANDBOX_LEDGER, { movementId: movementId(), ...gbp('4000.00') }));
    expect(first).toEqual({ ok: true, reserved: true });
    const racers = await Promise.all(
      [db, other, db, other].map((handle) => inLock(handle, (trx) => reserve(trx, SANDBOX_LEDGER, { movementId: movementId(), ...gbp('1000') }))),
    );
    expect(racers.filter((r) => r.ok)).toHaveLength(1);
    expect(racers.filter((r) => !r.ok)).toEqual(
      Array.from({ length: 3 }, () => ({ ok: false, code: 'G09', reason: `${SANDBOX_GRN} has 0.00 GBP left; the movement needs 1000.00` })),
    );
    expect(await balance()).toBe('0.00');
  });

  it.runIf(kind === 'postgres')('the conditional decrement alone holds without the write lock (plain transactions, PostgreSQL)', async () => {
    const grn = grnFor('26GB000001000006');
    expect(await balanceOf(db, grn)).toBeUndefined();
    const settings: LedgerSettings = { guarantees: [{ grn, referenceAmount: '100.00', currency: 'GBP' }] };
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? db : other).transaction().execute((trx) => reserve(trx, settings, { movementId: movementId(), ...gbp('7.00', grn) })),
      ),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(14);
    expect(await balance(grn)).toBe('2.00');
  });

  it('is exact: a hundred reservations of 0.01 leave exactly 1.00 less', async () => {
    const settings: LedgerSettings = { guarantees: [], unknownGrnCover: '1000000.00' };
    const wellFormed = grnFor('26GB00000100000X');
    for (let i = 0; i < 100; i++) await inLock(db, (trx) => reserve(trx, settings, { movementId: movementId(), ...gbp('0.01', wellFormed) }));
    expect(await balance(wellFormed)).toBe('999999.00');
  });

  it("treats any other well-formed GRN as 1,000,000.00 in the movement's currency (sandbox), and refuses the rest", async () => {
    const grn = grnFor('25GB000001000003');
    const whole = movementId();
    const all = await inLock(db, (trx) =>
      reserve(trx, SANDBOX_LEDGER, { movementId: whole, grn, amount: '1000000.00', currency: 'GBP', officeOfDepartureCountry: 'GB' }),
    );
    expect(all).toEqual({ ok: true, reserved: true });
    expect(await balanceOf(db, grn)).toEqual({ referenceAmount: '1000000.00', balance: '0.00', currency: 'GBP' });
    const refusals = await inLock(db, async (trx) => [
      await reserve(trx, SANDBOX_LEDGER, { movementId: movementId(), grn, amount: '1', currency: 'EUR', officeOfDepartureCountry: 'GB' }),
      await reserve(trx, SANDBOX_LEDGER, { movementId: movementId(), grn: '24XI0000010000031', amount: '1', currency: 'GBP', officeOfDepartureCountry: 'GB' }),
      await reserve(trx, SANDBOX_LEDGER, { movementId: movementId(), grn: '24GB0000010000032', amount: '1', currency: 'GBP', officeOfDepartureCountry: 'GB' }),
      await reserve(
        trx,
        { guarantees: [] },
        { movementId: movementId(), grn: grnFor('25GB000001000009'), amount: '1', currency: 'GBP', officeOfDepartureCountry: 'GB' },
      ),
      await reserve(trx, SANDBOX_LEDGER, { movementId: movementId(), grn: SANDBOX_GRN, amount: '1.001', currency: 'GBP', officeOfDepartureCountry: 'GB' }),
      await reserve(trx, SANDBOX_LEDGER, { movementId: movementId(), grn, amount: '0.01', currency: 'GBP', officeOfDepartureCountry: 'GB' }),
    ]);
    expect(refusals.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['G02', 'G11', 'G01', 'G01', 'G02', 'G09']);
    // Refusals leave nothing reserved.
    const held = await db.selectFrom('transit_guarantee_reservations').select('movement_id').where('grn', '=', grn).where('state', '=', 'reserved').execute();
    expect(held).toHaveLength(1);
  });

  it('reserves once per movement and gives back once, however many releases race', async () => {
    const grn = grnFor('26GB000001000007');
    await loadConfiguredGuarantees(db, { guarantees: [{ grn, referenceAmount: '500', currency: 'GBP' }] });
    const settings: LedgerSettings = { guarantees: [] };
    const id = movementId();
    const twice = await Promise.all([db, other].map((h) => inLock(h, (trx) => reserve(trx, settings, { movementId: id, ...gbp('200', grn) }))));
    expect(twice.map((o) => o.ok && o.reserved).sort()).toEqual([false, true]);
    expect(await balance(grn)).toBe('300.00');
    const releases = await Promise.all([db, other, db].map((h) => inLock(h, (trx) => release(trx, id))));
    expect(releases.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await balance(grn)).toBe('500.00');
    // A released movement may be reserved again (an invalidation undone is not a thing, but a re-release is).
    expect(await inLock(db, (trx) => reserve(trx, settings, { movementId: id, ...gbp('200', grn) }))).toEqual({ ok: true, reserved: true });
    expect(await balance(grn)).toBe('300.00');
  });

  it('a new reference amount moves the balance by the difference; what movements hold stays held', async () => {
    const grn = grnFor('26GB000001000007');
    await loadConfiguredGuarantees(db, { guarantees: [{ grn, referenceAmount: '800', currency: 'GBP' }] });
    expect(await balanceOf(db, grn)).toEqual({ referenceAmount: '800.00', balance: '600.00', currency: 'GBP' });
    // Cutting below what is held fails to load rather than making the balance negative.
    await expect(loadConfiguredGuarantees(db, { guarantees: [{ grn, referenceAmount: '100', currency: 'GBP' }] })).rejects.toThrow();
    expect(await balance(grn)).toBe('600.00');
  });

  it("reserves a test-pack departure's guarantees all or nothing; cash and waivers reserve nothing", async () => {
    const departures = PACK_MESSAGES.filter((m) => m.ie === 'ie015').map((m) => readDeparture(validateCtcMessage(fillTemplate(m.template)).document));
    for (const d of departures) {
      const outcome = await inLock(db, (trx) => reserveAll(trx, SANDBOX_LEDGER, movementId(), d.officeOfDeparture.country, d.guarantees));
      expect(outcome, d.lrn).toEqual({ ok: true });
    }
    const id = movementId();
    const mixed = [
      { type: '3', references: [{ grn: '26GB0000010000086', amountToBeCovered: '1', currency: 'GBP' }] },
      { type: '1', references: [{ grn: '26GB0000010000097', amountToBeCovered: '10.00', currency: 'GBP' }] },
      { type: '1', references: [{ grn: '26XI0000010000025', amountToBeCovered: '10.00', currency: 'GBP' }] },
    ];
    const wellFormed = ['26GB000001000008', '26GB000001000009', '26XI000001000002'].map(grnFor);
    for (const [i, g] of mixed.entries()) g.references[0]!.grn = wellFormed[i]!;
    const outcome = await inLock(db, (trx) => reserveAll(trx, SANDBOX_LEDGER, id, 'GB', mixed));
    expect(outcome).toMatchObject({ ok: false, refusals: [{ grn: wellFormed[2], code: 'G11' }] });
    // Refused before the ledger is asked: neither the GB sandbox guarantee nor the cash one is written.
    expect(await balanceOf(db, wellFormed[1]!)).toBeUndefined();
    expect(await balanceOf(db, wellFormed[0]!)).toBeUndefined();
    expect(await inLock(db, (trx) => release(trx, id))).toBe(0);
  });

  it('sums a GRN named twice in hundredths, refuses mixed currencies and references without GRN, amount or currency', async () => {
    const grn = grnFor('26GB000001000011');
    await loadConfiguredGuarantees(db, { guarantees: [{ grn, referenceAmount: '1000.00', currency: 'GBP' }] });
    const settings: LedgerSettings = { guarantees: [] };
    const twice = [
      {
        type: '1',
        references: [
          { grn, amountToBeCovered: '0.01', currency: 'GBP' },
          { grn, amountToBeCovered: '1000000.00', currency: 'GBP' },
        ],
      },
    ];
    const refused = await inLock(db, (trx) => reserveAll(trx, settings, movementId(), 'GB', twice));
    expect(refused).toMatchObject({ ok: false, refusals: [{ grn, code: 'G09' }] });
    expect(await balance(grn)).toBe('1000.00');
    const summed = [
      {
        type: '1',
        references: [
          { grn, amountToBeCovered: '0.10', currency: 'GBP' },
          { grn, amountToBeCovered: '0.2', currency: 'GBP' },
        ],
      },
    ];
    expect(await inLock(db, (trx) => reserveAll(trx, settings, movementId(), 'GB', summed))).toEqual({ ok: true });
    expect(await balance(grn)).toBe('999.70');
    const bad = [
      {
        type: '1',
        references: [
          { grn, amountToBeCovered: '1', currency: 'GBP' },
          { grn, amountToBeCovered: '1', currency: 'EUR' },
        ],
      },
      { type: '0', references: [{ amountToBeCovered: '1', currency: 'GBP' }] },
      { type: '2', references: [{ grn, currency: 'GBP' }] },
      { type: '4', references: [{ grn, amountToBeCovered: '1' }] },
    ];
    const outcome = await inLock(db, (trx) => reserveAll(trx, settings, movementId(), 'GB', bad));
    expect(outcome.ok ? [] : outcome.refusals.map((r) => r.code)).toEqual(['G02', 'G01', 'G02', 'G02']);
    expect(await balance(grn)).toBe('999.70');
  });

  it('a refused movement leaves no sandbox GRN behind: its currency is fixed by the first movement that is released', async () => {
    const unknown = grnFor('26GB000001000012');
    const configured = grnFor('26GB000001000013');
    await loadConfiguredGuarantees(db, { guarantees: [{ grn: configured, referenceAmount: '1.00', currency: 'GBP' }] });
    const settings: LedgerSettings = { guarantees: [], unknownGrnCover: '1000000.00' };
    const both = (currency: string) => [
      { type: '1', references: [{ grn: unknown, amountToBeCovered: '5', currency }] },
      { type: '1', references: [{ grn: configured, amountToBeCovered: '2', currency: 'GBP' }] },
    ];
    const refused = await inLock(db, (trx) => reserveAll(trx, settings, movementId(), 'GB', both('EUR')));
    expect(refused).toMatchObject({ ok: false, refusals: [{ grn: configured, code: 'G09' }] });
    expect(await balanceOf(db, unknown)).toBeUndefined();
    expect(await db.selectFrom('transit_guarantee_reservations').select('grn').where('grn', '=', unknown).execute()).toEqual([]);
    // Alone, reserve() refusing on the balance keeps nothing either.
    expect(await inLock(db, (trx) => reserve(trx, settings, { movementId: movementId(), ...gbp('1000000.01', unknown) }))).toMatchObject({ code: 'G09' });
    expect(await balanceOf(db, unknown)).toBeUndefined();
    const first = [{ type: '1', references: [{ grn: unknown, amountToBeCovered: '5', currency: 'GBP' }] }];
    expect(await inLock(db, (trx) => reserveAll(trx, settings, movementId(), 'GB', first))).toEqual({ ok: true });
    expect(await balanceOf(db, unknown)).toEqual({ referenceAmount: '1000000.00', balance: '999995.00', currency: 'GBP' });
  });
});

/** The GRN of 16 characters completed with its check digit. */
function grnFor(first16: string): string {
  return `${first16}${iso6346CheckDigit(first16)}`;
}
