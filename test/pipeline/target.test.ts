import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/documents/xml/parse.js';
import type { IngestRequest, ReadDocument } from '../../src/pipeline/ingest.js';
import type { RegistryStep } from '../../src/pipeline/registry-step.js';
import { decisionCommitment, type TargetDeps } from '../../src/pipeline/target.js';
import { registerLpco } from '../../src/lpco/registry.js';
import type { Decision } from '../../src/risk/decide.js';
import { findDecision } from '../../src/risk/decisions.js';
import type { ItemFacts } from '../../src/risk/fact-names.js';
import { declarationRiskOf } from '../../src/risk/facts.js';
import type { RiskTables } from '../../src/risk/tables.js';
import type { MutualRecognition, ProfileSet } from '../../src/risk/vocabulary.js';
import { tablesOf } from '../../src/store/db.js';
import { documentNames, findDocument, type Store } from '../../src/store/exchanges.js';
import { fixture } from '../documents/support.js';
import { HOLDER, PLANT_AUTHORITY, duringValidity, sampleLpco } from '../lpco/sample.js';
import { databaseKinds } from '../support/databases.js';
import { rejected } from '../support/rejections.js';
import { memoryQueue } from '../support/queue.js';
import { agreementFor, ingestInto, participant, usePipelineDatabase } from './support.js';

const IM001A = 'samples/customs-declarations/import/TT_IM001a__Step1_TT_IM001a.xml';
const IMPORTER = 'GB553202734852';
const trader = participant('trader-a', { actsFor: [{ id: HOLDER, as: 'declarant' }] });
const agreements = ['customs', 'pga-plant', 'pga-food'].map((d) => agreementFor('declaration', d));

/** IM001a as its reader hands it on, with an optional registry step. */
function request(lrn: string, registry?: RegistryStep): IngestRequest {
  const read: ReadDocument = {
    facts: { typeCode: 'IMA', direction: 'import', lrn },
    findings: [],
    document: { content: lrn, mediaType: 'application/json' },
    messageId: lrn,
    risk: declarationRiskOf(parseXml(fixture(IM001A)), 'import'),
    ...(registry ? { registry } : {}),
  };
  return { sender: trader, documentKind: 'declaration', body: Buffer.from(lrn), mediaType: 'application/json', read: () => read };
}

/** Customs selects what comes from the US; the plant agency everything of chapter 85 (for the test). Records what it was shown. */
function profiles(seen: ItemFacts[][] = []): ProfileSet {
  return {
    version: 'set-7',
    evaluate(items) {
      seen.push([...items]);
      return items.flatMap((f, item) => [
        ...(f.origin === 'US' ? [{ profile: 'us-origin', version: 3, owner: 'customs', lane: 'yellow' as const, instruction: 'documentary check', item }] : []),
        ...(f.commodity?.startsWith('85')
          ? [{ profile: 'electric', version: 1, owner: 'pga-plant', lane: 'red' as const, instruction: 'open the boxes', item }]
          : []),
      ]);
    },
  };
}

const targeting = (set: ProfileSet, more: Partial<TargetDeps> = {}): TargetDeps => ({
  profiles: async () => set,
  scoreBands: { customs: [{ from: 0.5, lane: 'red' }] },
  scorer: { version: 'tiny-1', score: (row) => (row.cifValue >= 1000 ? 0.6 : 0.2) },
  agencies: new Set(['customs', 'pga-plant', 'pga-food']),
  ...more,
});

describe.each(await databaseKinds())('targeting at ingest (%s)', (kind) => {
  const t = usePipelineDatabase(kind);
  const riskDb = (store: Store) => tablesOf<RiskTables>(store.db);

  it('decides once, stores the decision with the exchange, sends each selecting agency its own, and logs a commitment that reveals nothing', async () => {
    const ingest = ingestInto(t, memoryQueue(), agreements, { targeting: targeting(profiles()) });
    const { exchangeId } = await ingest(request('T-1'));
    const row = await findDecision(t.store, exchangeId);
    expect(row).toMatchObject({ lane: 'red', score: 0.6, model_version: 'tiny-1', profiles_version: 'set-7' });
    const hits = JSON.parse(row?.hits ?? '[]') as Decision['hits'];
    expect(hits.map((h) => [h.owner, h.profile, h.lane])).toEqual([
      ['customs', 'us-origin', 'yellow'],
      ['pga-plant', 'electric', 'red'],
      ['customs', 'model', 'red'],
    ]);

    // pga-food selected nothing: it is sent no decision.
    expect((await documentNames(t.store, exchangeId)).map((d) => d.name).sort()).toEqual(['original', 'risk-decision-customs', 'risk-decision-pga-plant']);
    const plant = JSON.parse((await findDocument(t.store, exchangeId, 'risk-decision-pga-plant'))?.content.toString('utf8') ?? '{}');
    expect(plant).toEqual({
      exchangeId,
      owner: 'pga-plant',
      lane: 'red',
      hits: [{ profile: 'electric', lane: 'red', item: 0, instruction: 'open the boxes' }],
      alsoSelectedBy: ['customs'],
    });

    expect(await t.logged(exchangeId)).toEqual(['received', 'validated', 'routed', 'targeted']);
    const leaf = await t.store.db
      .selectFrom('provenance_leaves' as never)
      .select('record' as never)
      .where('exchange_id' as never, '=', exchangeId as never)
      .execute();
    const targeted = (leaf as Array<{ record: string }>).map((l) => JSON.parse(l.record)).find((r) => r.event === 'targeted');
    const text = JSON.stringify(targeted);
    expect(text).not.toMatch(/us-origin|electric|open the boxes|documentary|tiny-1|0\.6|red|yellow/);
    const decision: Decision = { lane: 'red', hits, score: 0.6, model: 'tiny-1', profilesVersion: 'set-7' };
    expect(targeted.entity.contentSha256).toBe(decisionCommitment(decision, row?.commitment_salt ?? ''));
    expect(targeted.entity.contentSha256).not.toBe(decisionCommitment(decision, '0'.repeat(64)));
  });

  it('counts the parties’ earlier declarations, and once each those a control found a discrepancy in', async () => {
    const seen: ItemFacts[][] = [];
    const ingest = ingestInto(t, memoryQueue(), agreements, { targeting: targeting(profiles(seen)) });
    const first = await ingest(request('H-1'));
    const before = seen.at(-1)?.[0] ?? {};
    const result = (id: string, outcome: 'compliant' | 'discrepancy') => ({
      id: `${id}-${first.exchangeId}`,
      exchange_id: first.exchangeId,
      controller: 'customs',
      outcome,
      findings: '[]',
      revenue: 120,
      seized: 0,
      recorded_at: duringValidity().toISOString(),
    });
    // Two discrepancies and a compliant result on one declaration: one declaration with a discrepancy.
    await riskDb(t.store).insertInto('control_results').values(result('C1', 'compliant')).execute();
    await riskDb(t.store).insertInto('control_results').values(result('D1', 'discrepancy')).execute();
    await riskDb(t.store).insertInto('control_results').values(result('D2', 'discrepancy')).execute();
    await ingest(request('H-2'));
    expect(seen.at(-1)?.[0]).toMatchObject({
      importer: IMPORTER,
      importerDeclarations: (before.importerDeclarations ?? 0) + 1,
      importerDiscrepancies: (before.importerDiscrepancies ?? 0) + 1,
      declarantDeclarations: (before.declarantDeclarations ?? 0) + 1,
      declarantDiscrepancies: (before.declarantDiscrepancies ?? 0) + 1,
      exporterDiscrepancies: (before.exporterDiscrepancies ?? 0) + 1,
    });
  });

  it('asks mutual recognition in the exchange’s own transaction, and for partner controls only when the import cites an export', async () => {
    const asked: string[] = [];
    const recognition: MutualRecognition = {
      async aeoHolders(transaction, operators) {
        // The exchange's transaction: it sees the write batch's own rows (none yet of this exchange, but it must answer).
        await transaction.db.selectFrom('exchanges').select('id').limit(1).execute();
        asked.push(`aeo:${operators.join(',')}`);
        return new Set(operators);
      },
      async partnerControls(_transaction, references) {
        asked.push(`partner:${references.join(',')}`);
        return new Map([[references[0] ?? '', 'discrepancy']]);
      },
    };
    const seen: ItemFacts[][] = [];
    await ingestInto(t, memoryQueue(), agreements, { targeting: targeting(profiles(seen), { mutualRecognition: recognition }) })(request('M-1'));
    expect(asked).toEqual([`aeo:${IMPORTER}`, 'partner:4GB553202734852-12345,24GB34F7Y1O2CX8PT4']);
    expect(seen.at(-1)?.[0]).toMatchObject({ aeo: true, partnerControl: 'discrepancy' });

    asked.length = 0;
    const citingNothing = request('M-2');
    const read = (await citingNothing.read()) as ReadDocument;
    await ingestInto(t, memoryQueue(), agreements, { targeting: targeting(profiles(), { mutualRecognition: recognition }) })({
      ...citingNothing,
      read: () => ({ ...read, risk: { ...read.risk!, exportReferences: [] } }),
    });
    expect(asked).toEqual([`aeo:${IMPORTER}`]);
  });

  it('leaves no decision, no party and no record when the document is refused in its transaction', async () => {
    const lpco = sampleLpco();
    await registerLpco(t.lpcoDb, kind, lpco, PLANT_AUTHORITY, { now: duringValidity });
    const count = async (table: 'risk_decisions' | 'risk_parties') =>
      Number(
        (
          await riskDb(t.store)
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = { decisions: await count('risk_decisions'), parties: await count('risk_parties'), stored: await t.counts() };
    const tooMuch: RegistryStep = {
      step: 'reserve',
      citations: {
        holderId: HOLDER,
        actsFor: [HOLDER],
        sender: trader.id,
        citations: [{ documentCode: lpco.documentCode, number: lpco.number, goodsItem: '1', quantity: '100.001', unit: 'KGM' }],
      },
    };
    const ingest = ingestInto(t, memoryQueue(), agreements, { targeting: targeting(profiles()) });
    const err = await rejected(ingest(request('R-1', tooMuch)));
    expect(err.status).toBe(422);
    expect({ decisions: await count('risk_decisions'), parties: await count('risk_parties'), stored: await t.counts() }).toEqual(before);
  });

  it('takes one decision per declaration of a write batch, each stored with its own exchange', async () => {
    const ingest = ingestInto(t, memoryQueue(), agreements, { targeting: targeting(profiles()) });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => ingest(request(`B-${i}`))));
    for (const r of results) expect((await findDecision(t.store, r.exchangeId))?.lane).toBe('red');
    const counted = await riskDb(t.store)
      .selectFrom('risk_party_counts')
      .select('declarations')
      .where('party', '=', IMPORTER)
      .where('role', '=', 'importer')
      .executeTakeFirst();
    const declared = await riskDb(t.store)
      .selectFrom('risk_parties')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('party', '=', IMPORTER)
      .where('role', '=', 'importer')
      .executeTakeFirstOrThrow();
    // However the declarations fell into write batches, the count is theirs.
    expect(Number(counted?.declarations)).toBe(Number(declared.n));
  });
});
