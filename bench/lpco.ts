/**
 * LPCO write-off benchmark (issue 8): `npx tsx bench/lpco.ts [write-offs]`.
 * 50 concurrent declarations, each writing off 1 KGM against one certificate that holds 50 KGM
 * less than they ask for, on SQLite and PostgreSQL: once with one transaction per declaration
 * (reserveForDeclaration), once as ingest reserves them: each decided in turn in the exchange
 * store's write batches (writeRegistryStep in writeInBatch), a batch's draws written together
 * at its commit.
 * Baseline in the same run: the same number of plain single-row decrements, 50 concurrent, each
 * its own autocommit statement. Prints the over-draw check for each: exactly floor(quantity / q)
 * write-offs succeed, the rest are refused (lpco.quantity-insufficient, then lpco.exhausted), and
 * the sum written off never exceeds the quantity.
 */
import { performance } from 'node:perf_hooks';
import { RejectionError } from '../src/findings.js';
import { fromMilli } from '../src/lpco/quantity.js';
import { registerLpco, type LpcoDb } from '../src/lpco/registry.js';
import { lpcoMigrations } from '../src/lpco/tables.js';
import { type ReservationRequest, reserveForDeclaration } from '../src/lpco/write-off.js';
import { type RegistryStep, writeRegistryStep } from '../src/pipeline/registry-step.js';
import { openDatabase, type DatabaseKind, tablesOf } from '../src/store/db.js';
import type { ExchangeTables } from '../src/store/exchange-tables.js';
import { writeInBatch } from '../src/store/write-batches.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { createTestDatabase, databaseKinds } from '../test/support/databases.js';
import { duringValidity, HOLDER, PLANT_AUTHORITY, sampleLpco } from '../test/lpco/sample.js';

const WRITE_OFFS = Number(process.argv[2] ?? 5_000);
const CONCURRENCY = 50;
const SHORT_BY = 50;
const now = duringValidity;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The tests' sample certificate (test/lpco/sample.ts), numbered `number`, of `quantity` KGM. */
async function certificate(db: LpcoDb, kind: DatabaseKind, number: string, quantity: number): Promise<string> {
  const [line] = sampleLpco().lines;
  return registerLpco(db, kind, sampleLpco({ number, lines: [{ ...line!, quantity: String(quantity) }] }), PLANT_AUTHORITY, { now });
}

/** `total` calls of `task`, `CONCURRENCY` at a time; returns calls per second. */
async function rate(total: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/** WRITE_OFFS declarations of 1 KGM against a fresh certificate of `quantity` KGM, through `reserve`. */
async function writeOffs(db: LpcoDb, kind: DatabaseKind, number: string, quantity: number, reserve: (request: ReservationRequest) => Promise<unknown>) {
  const id = await certificate(db, kind, number, quantity);
  let accepted = 0;
  let refused = 0;
  const perSecond = await rate(WRITE_OFFS, async (i) => {
    try {
      await reserve({
        declarationExchangeId: `01J${number}${String(i).padStart(10, '0')}`,
        holderId: HOLDER,
        actsFor: [HOLDER],
        citations: [{ documentCode: 'N851', number, goodsItem: '1', quantity: '1', unit: 'KGM' }],
      });
      accepted++;
    } catch (err) {
      // Short of quantity, or (once the last unit has gone) exhausted: the two refusals expected here.
      if (!(err instanceof RejectionError) || err.findings.some((f) => f.code !== 'lpco.quantity-insufficient' && f.code !== 'lpco.exhausted')) throw err;
      refused++;
    }
  });
  const line = await db
    .selectFrom('lpco_lines')
    .innerJoin('lpcos', 'lpcos.id', 'lpco_lines.lpco_id')
    .select(['lpco_lines.quantity', 'lpco_lines.remaining', 'lpcos.status'])
    .where('lpcos.id', '=', id)
    .executeTakeFirstOrThrow();
  const reserved = await db
    .selectFrom('lpco_reservations')
    .select((eb) => eb.fn.sum<string | number | null>('quantity').as('total'))
    .where('lpco_id', '=', id)
    .executeTakeFirstOrThrow();
  const writtenOff = BigInt(reserved.total ?? 0);
  const ok =
    writtenOff <= BigInt(line.quantity) && BigInt(line.remaining) === BigInt(line.quantity) - writtenOff && accepted === quantity && refused === SHORT_BY;
  if (!ok) process.exitCode = 1;
  const check = `certificate ${quantity} KGM, ${WRITE_OFFS} declarations of 1 KGM → ${accepted} accepted (expected ${quantity}), ${refused} refused as insufficient or exhausted (expected ${SHORT_BY}), written off ${fromMilli(writtenOff)} KGM, remaining ${fromMilli(BigInt(line.remaining))} KGM, status ${line.status}: ${ok ? 'OK, never over-drawn' : 'FAILED'}`;
  return { perSecond, check };
}

async function run(kind: DatabaseKind): Promise<void> {
  const database = await createTestDatabase(kind);
  const db = openDatabase(database.target) as LpcoDb;
  try {
    await migrateToLatest(db, lpcoMigrations);
    const quantity = WRITE_OFFS - SHORT_BY;

    const plainId = await certificate(db, kind, 'BENCH-PLAIN', WRITE_OFFS);
    const plain = await rate(WRITE_OFFS, () =>
      db
        .updateTable('lpco_lines')
        .set((eb) => ({ remaining: eb('remaining', '-', 1000n) }))
        .where('lpco_id', '=', plainId)
        .where('sequence', '=', '1')
        .execute(),
    );

    const policy = { unknownLpco: 'error', now } as const;
    const store = { db: tablesOf<ExchangeTables>(db), kind };
    const oneEach = await writeOffs(db, kind, 'BENCH-ONE-EACH', quantity, (request) => reserveForDeclaration(db, kind, request, policy));
    const grouped = await writeOffs(db, kind, 'BENCH-GROUPED', quantity, async (request) => {
      const step: RegistryStep = { step: 'reserve', citations: { ...request, sender: HOLDER } };
      const { refused } = await writeInBatch(store, (transaction) => writeRegistryStep(transaction, policy, step, request.declarationExchangeId));
      if (refused) throw refused;
    });

    console.log(`${kind}: baseline, plain single-row decrements (${CONCURRENCY} concurrent, autocommit): ${fmt(plain)}/s`);
    for (const [label, figures] of [
      ['one transaction per declaration', oneEach],
      ['group-committed in the write batch (writeInBatch)', grouped],
    ] as const) {
      console.log(
        `${kind}: write-offs, ${label}, ${CONCURRENCY} concurrent declarations on one certificate: ${fmt(figures.perSecond)}/s (${(figures.perSecond / plain).toFixed(2)}× baseline; target ≥ 2,000/s)`,
      );
      console.log(`${kind}:   over-draw check: ${figures.check}`);
    }
  } finally {
    await db.destroy();
    await database.drop();
  }
}

for (const kind of await databaseKinds()) await run(kind);
