import { describe, expect, it } from 'vitest';
import type { Agreement, Participant } from '../../src/config/types.js';
import { getLpco, registerLpco } from '../../src/lpco/registry.js';
import { loadMappings } from '../../src/mapping/catalogue.js';
import { type IngestRequest, ingestDocument } from '../../src/pipeline/ingest.js';
import { lodgeLpco, lodgeLpcoStatus } from '../../src/pipeline/lodge.js';
import { databaseKinds } from '../support/databases.js';
import { rejected } from '../support/rejections.js';
import { PLANT_AUTHORITY, duringValidity, sampleLpco, useLpcoDatabase } from '../lpco/support.js';

const kinds = await databaseKinds();

const issuer: Participant = {
  id: PLANT_AUTHORITY,
  kind: 'pga',
  name: 'Plant health',
  apiKeySha256: [],
  certificateFingerprints: [],
  operator: false,
  actsFor: [],
  issues: [],
};
const toCustoms: Agreement = {
  id: 'lpco-status-to-customs',
  description: 'status changes to customs',
  when: { documentKinds: ['lpco-status'] },
  destination: 'customs',
  format: 'json',
  transport: 'swgate',
  delivery: { attempts: 1, backoffMs: 0, timeoutMs: 1000, retry: 'never', receiptTimeoutMs: 60_000 },
};

describe.each(kinds)("an issuer's status change and its status document on %s: stored together or not at all", (kind) => {
  const t = useLpcoDatabase(kind);
  let queued = 0;
  let notQueued = 0;
  /**
   * The real ingest over the real store; the delivery queue answers, or is down (Redis cannot be
   * made to fail here on demand), and the log takes its records, or fails (so the exchange cannot commit).
   */
  const deps = (agreements: Agreement[], { queueUp = true, logUp = true } = {}) => ({
    ingest: (req: IngestRequest) =>
      ingestDocument(
        {
          store: t.store,
          agreements,
          enqueue: async () => {
            if (!queueUp) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
            queued += 1;
          },
          onEnqueueFailed: () => {
            notQueued += 1;
          },
          recordProvenance: async () => {
            if (!logUp) throw new Error('the log append failed');
            return [];
          },
          unknownLpco: 'error',
          now: duringValidity,
        },
        req,
      ),
    lpcoDb: t.db,
    now: duringValidity,
  });
  const exchanges = async () => (await t.store.db.selectFrom('exchanges').select('id').where('kind', '=', 'lpco-status').execute()).length;
  const revoke = { status: 'revoked' as const, reason: 'pest found' };

  async function registered(): Promise<string> {
    return registerLpco(t.db, t.kind, sampleLpco(), PLANT_AUTHORITY, { now: duringValidity });
  }
  async function unchanged(id: string, exchangesBefore: number): Promise<void> {
    const view = await getLpco(t.db, id, { now: duringValidity });
    expect(view?.status).toBe('issued');
    expect(view?.history.map((h) => h.to)).toEqual(['issued']);
    expect(await exchanges()).toBe(exchangesBefore);
  }

  it('stores the change and the exchange together', async () => {
    const id = await registered();
    const before = [await exchanges(), queued];
    const view = await lodgeLpcoStatus(deps([toCustoms]), issuer, id, revoke);
    expect(view.status).toBe('revoked');
    expect([await exchanges(), queued]).toEqual([before[0]! + 1, before[1]! + 1]);
    const [document] = await t.store.db
      .selectFrom('documents')
      .innerJoin('exchanges', 'exchanges.id', 'documents.exchange_id')
      .select('content')
      .where('exchanges.kind', '=', 'lpco-status')
      .orderBy('exchanges.id', 'desc')
      .execute();
    expect(JSON.parse(document?.content ?? '{}')).toMatchObject({ lpcoId: id, status: 'revoked', reason: 'pest found', changedBy: PLANT_AUTHORITY });
  });

  it('leaves the registry unchanged when no agreement routes the status document (422)', async () => {
    const id = await registered();
    const before = await exchanges();
    const err = await rejected(lodgeLpcoStatus(deps([]), issuer, id, revoke));
    expect([err.status, err.findings[0]?.code]).toEqual([422, 'routing.no-agreement']);
    await unchanged(id, before);
  });

  it('takes the change back when its exchange cannot be stored (the log append in its transaction fails)', async () => {
    const id = await registered();
    const before = await exchanges();
    await expect(lodgeLpcoStatus(deps([toCustoms], { logUp: false }), issuer, id, revoke)).rejects.toThrow('the log append failed');
    await unchanged(id, before);
    // And the issuer can make it again once the store takes it.
    expect((await lodgeLpcoStatus(deps([toCustoms]), issuer, id, revoke)).status).toBe('revoked');
  });

  it('keeps the change with its stored exchange when the delivery queue is down: the reconciler queues the delivery later', async () => {
    const id = await registered();
    const before = [await exchanges(), notQueued];
    const view = await lodgeLpcoStatus(deps([toCustoms], { queueUp: false }), issuer, id, revoke);
    expect(view.status).toBe('revoked');
    expect([await exchanges(), notQueued]).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('lodges nothing for a change the lifecycle or the issuer refuses', async () => {
    const id = await registered();
    const before = await exchanges();
    const stranger = await rejected(lodgeLpcoStatus(deps([toCustoms]), { ...issuer, id: 'pga-food' }, id, revoke));
    expect([stranger.status, stranger.findings[0]?.code]).toEqual([403, 'lpco.not-issuer']);
    await lodgeLpcoStatus(deps([toCustoms]), issuer, id, revoke);
    const again = await rejected(lodgeLpcoStatus(deps([toCustoms]), issuer, id, { status: 'withdrawn', reason: 'x' }));
    expect([again.status, again.findings[0]?.code]).toEqual([409, 'lpco.transition']);
    expect(await exchanges()).toBe(before + 1);
  });

  it('forgets a registration whose exchange cannot be stored, so that sending it again registers it', async () => {
    const plant: Participant = { ...issuer, issues: [{ documentCodes: ['N851'], inNameOf: [{ country: 'NO' }] }] };
    const toCustomsLpco = { ...toCustoms, id: 'lpcos-to-customs', when: { documentKinds: ['lpco'] } };
    const lodgeDeps = async (logUp: boolean) => ({ ...deps([toCustomsLpco], { logUp }), mappings: await loadMappings('mappings'), validation: {} });
    const lpco = sampleLpco();
    const body = Buffer.from(JSON.stringify(lpco));
    await expect(lodgeLpco(await lodgeDeps(false), { sender: plant, body, format: 'wco-json' })).rejects.toThrow('the log append failed');
    expect(await t.db.selectFrom('lpcos').select('id').where('number', '=', lpco.number).execute()).toEqual([]);
    const up = await lodgeLpco(await lodgeDeps(true), { sender: plant, body, format: 'wco-json' });
    expect((await getLpco(t.db, up.extra?.lpcoId ?? '', { now: duringValidity }))?.number).toBe(lpco.number);
  });
});
