import { Command } from 'commander';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRiskHistory } from '../../../src/cli/commands/risk-history.js';
import { wcoXmlToJson } from '../../../src/documents/wco/codec.js';
import { readHistoryCsv } from '../../../src/risk/history.js';
import type { RiskTables } from '../../../src/risk/tables.js';
import { ALL_MIGRATIONS } from '../../../src/runtime/stores.js';
import { openDatabase, tablesOf, type DatabaseTarget } from '../../../src/store/db.js';
import type { ExchangeTables } from '../../../src/store/exchange-tables.js';
import { insertAcceptedExchange } from '../../../src/store/exchanges.js';
import { migrateToLatest } from '../../../src/store/migrate.js';
import { createTestDatabase, databaseKinds } from '../../support/databases.js';
import { acceptedExchange } from '../../support/exchanges.js';
import { sample } from '../../support/gateway.js';

const IM001A = sample('import/TT_IM001a__Step1_TT_IM001a.xml').toString('utf8');
const IM050A = sample('import/TT_IM050a__TT_IM050a.xml');

describe.each(await databaseKinds())('swgate risk export-history (%s)', (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'swgate-history-'));
  let target: DatabaseTarget;
  let drop: (() => Promise<void>) | undefined;
  const env = () => ({ SWGATE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(kind === 'postgres' ? { DATABASE_URL: target.location } : {}) });

  async function swgate(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    let code: 0 | 1 | undefined;
    const program = new Command().exitOverride();
    registerRiskHistory(program, { out: (t) => out.push(t), err: (l) => err.push(l), exit: (c) => (code = c) }, env());
    await program.parseAsync(['risk', 'export-history', ...args], { from: 'user' });
    return { out: out.join('\n'), err: err.join('\n'), code };
  }

  beforeAll(async () => {
    if (kind === 'postgres') ({ target, drop } = await createTestDatabase('postgres'));
    else target = { kind, location: join(dataDir, 'swgate.sqlite') };
    const db = openDatabase<ExchangeTables & RiskTables>(target);
    await migrateToLatest(db, ALL_MIGRATIONS);
    const store = { db: tablesOf<ExchangeTables>(db), kind };
    // An XML declaration controlled twice (one discrepancy), a WCO JSON one never controlled, a consignment outside the range, an e-LPCO.
    await insertAcceptedExchange(store, acceptedExchange('01A', { at: '2026-03-01T10:00:00.000Z', original: { content: IM001A } }));
    await insertAcceptedExchange(
      store,
      acceptedExchange('01B', {
        at: '2026-03-02T10:00:00.000Z',
        original: { content: JSON.stringify(wcoXmlToJson(IM050A).json), media_type: 'application/json' },
        exchange: { format: 'wco-json' },
      }),
    );
    await insertAcceptedExchange(
      store,
      acceptedExchange('01C', { at: '2026-05-01T10:00:00.000Z', original: { content: IM001A }, exchange: { kind: 'consignment' } }),
    );
    // An export names no importer; its declarant here is longer than the history columns take.
    const noImporter = IM001A.replace(/<Importer>\s*<ID>GB553202734852<\/ID>\s*<\/Importer>/, '').replace(
      '<ID>GB603202734852</ID>',
      `<ID>${'D'.repeat(300)}</ID>`,
    );
    await insertAcceptedExchange(store, acceptedExchange('01E', { at: '2026-06-01T10:00:00.000Z', original: { content: noImporter } }));
    await insertAcceptedExchange(
      store,
      acceptedExchange('01D', { at: '2026-03-01T10:00:00.000Z', original: { content: '{}' }, exchange: { kind: 'lpco', format: 'lpco-json' } }),
    );
    const result = (id: string, outcome: 'compliant' | 'discrepancy', revenue: number) => ({
      id,
      exchange_id: '01A',
      controller: 'customs',
      outcome,
      findings: '[]',
      revenue,
      seized: 0,
      recorded_at: '2026-03-03T00:00:00.000Z',
    });
    await tablesOf<RiskTables>(db)
      .insertInto('control_results')
      .values([result('R1', 'compliant', 0), result('R2', 'discrepancy', 250.5)])
      .execute();
    await db.destroy();
  });
  afterAll(async () => {
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes one row per goods item of its declarations and consignments, with what controls found, in the history columns', async () => {
    const file = join(dataDir, 'all.csv');
    const run = await swgate('--out', file);
    expect(run).toMatchObject({ code: 0, err: '' });
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe(
      'sgd.id,sgd.date,importer.id,declarant.id,country,office.id,tariff.code,quantity,gross.weight,fob.value,cif.value,total.taxes,illicit,revenue',
    );
    const rows = [];
    for await (const row of readHistoryCsv(Readable.from([text]), { outcomes: 'required' })) rows.push(row);
    expect(rows.map((r) => [r.sgdId, r.illicit, r.revenue])).toEqual([
      ['01A/1', 1, 250.5],
      ['01B/1', 0, 0],
      ['01C/1', 0, 0],
      ['01E/1', 0, 0],
    ]);
    // Read back as written: the missing importer empty, so a training run takes the whole export.
    expect(rows[3]).toMatchObject({ importerId: '', declarantId: 'D'.repeat(200) });
    expect(rows[0]).toMatchObject({
      date: '2026-03-01',
      importerId: 'GB553202734852',
      country: 'US',
      tariffCode: '85109000',
      grossWeight: 150,
      cifValue: 1000,
    });
    expect(rows[1]).toMatchObject({ tariffCode: '87087010', totalTaxes: 4480 });
    expect(run.out).toBe(`4 goods item(s) written to ${file}`);
  });

  it('keeps to --from and --to', async () => {
    const file = join(dataDir, 'march.csv');
    expect((await swgate('--out', file, '--from', '2026-03-02', '--to', '2026-04-01')).code).toBe(0);
    expect(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['01B/1']);
  });

  it('refuses a date that is not one, and leaves no file', async () => {
    const file = join(dataDir, 'bad.csv');
    for (const bad of ['yesterday', '2026-13-45', "2026-01-01' OR 1=1"]) {
      const run = await swgate('--out', file, '--from', bad);
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/--from ".*" is not a date/);
    }
    expect(existsSync(file)).toBe(false);
  });

  it('says why when it cannot write, and leaves no half-written file', async () => {
    const file = join(dataDir, 'no-such-dir', 'h.csv');
    const run = await swgate('--out', file);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/export-history failed/);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });
});
