import { describe, expect, it } from 'vitest';
import type { Lpco } from '../../src/lpco/lpco.js';
import { getLpco, registerLpco } from '../../src/lpco/registry.js';
import type { IngestRequest, ReadDocument } from '../../src/pipeline/ingest.js';
import type { RegistryStep } from '../../src/pipeline/registry-step.js';
import type { DeliveryJob } from '../../src/pipeline/vocabulary.js';
import { deliveriesOf, documentNames, eventsOf, findExchange } from '../../src/store/exchanges.js';
import { HOLDER, PLANT_AUTHORITY, duringValidity, sampleLpco } from '../lpco/sample.js';
import { databaseKinds } from '../support/databases.js';
import { rejected } from '../support/rejections.js';
import { memoryQueue } from '../support/queue.js';
import { agreementFor, ingestInto, participant, queueDown, usePipelineDatabase } from './support.js';

const trader = participant('trader-a', { actsFor: [{ id: HOLDER, as: 'declarant' }] });
const toCustoms = agreementFor('declaration', 'customs');
const toAgency = agreementFor('declaration', 'agency-a');

/** A declaration as its reader would hand it on: `content` routed, with the given registry step. */
function request(content: string, registry?: RegistryStep, extra: Partial<IngestRequest> = {}): IngestRequest {
  const read: ReadDocument = {
    facts: { typeCode: 'IMA', lrn: content },
    findings: [],
    document: { content, mediaType: 'application/json' },
    messageId: content,
    ...(registry ? { registry } : {}),
  };
  return { sender: trader, documentKind: 'declaration', body: Buffer.from(content), mediaType: 'application/json', read: () => read, ...extra };
}

/** Reserves `quantity` KGM of `lpco`'s only line, as a declaration citing it does. */
const reserving = (lpco: Lpco, quantity: string): RegistryStep => ({
  step: 'reserve',
  citations: {
    holderId: HOLDER,
    actsFor: [HOLDER],
    sender: trader.id,
    citations: [{ documentCode: lpco.documentCode, number: lpco.number, goodsItem: '1', quantity, unit: 'KGM' }],
  },
});

describe.each(await databaseKinds())('ingestDocument over a real store and an in-memory queue (%s)', (kind) => {
  const t = usePipelineDatabase(kind);
  const registered = async (lpco = sampleLpco()) => ({ lpco, id: await registerLpco(t.lpcoDb, kind, lpco, PLANT_AUTHORITY, { now: duringValidity }) });
  const remaining = async (id: string) => (await getLpco(t.lpcoDb, id, { now: duringValidity }))?.lines[0]?.remaining;

  it('stores the exchange, its deliveries, timeline and log records, and the reservation, in one commit; then queues one job per destination', async () => {
    const queue = memoryQueue();
    const { lpco, id } = await registered();
    const result = await ingestInto(t, queue, [toCustoms, toAgency])(request('decl-1', reserving(lpco, '30')));
    expect(result).toMatchObject({ status: 'routed', replayed: false, findings: [] });
    expect(result.provenance?.leafIndex).toBeGreaterThanOrEqual(0);
    expect((await findExchange(t.store, result.exchangeId))?.message_id).toBe('decl-1');
    expect((await deliveriesOf(t.store, result.exchangeId)).map((d) => [d.destination, d.status])).toEqual([
      ['agency-a', 'queued'],
      ['customs', 'queued'],
    ]);
    expect((await eventsOf(t.store, result.exchangeId)).map((e) => e.event)).toEqual(['received', 'validated', 'routed']);
    expect((await documentNames(t.store, result.exchangeId)).map((d) => d.name)).toEqual(['original']);
    expect(await t.logged(result.exchangeId)).toEqual(['received', 'validated', 'routed', 'lpco-reserved']);
    expect(await remaining(id)).toBe('70.000');
    expect(queue.calls).toEqual(
      [toCustoms, toAgency].map((a) => ({ method: 'enqueue', job: { exchangeId: result.exchangeId, destination: a.destination }, policy: a.delivery })),
    );
  });

  it('refuses a reservation the e-LPCO does not cover and leaves nothing: no exchange, no log record, no reservation, no job', async () => {
    const queue = memoryQueue();
    const { lpco, id } = await registered();
    const before = await t.counts();
    const err = await rejected(ingestInto(t, queue, [toCustoms])(request('decl-too-much', reserving(lpco, '100.001'))));
    expect([err.status, err.findings.map((f) => f.code)]).toEqual([422, ['lpco.quantity-insufficient']]);
    expect(await t.counts()).toEqual(before);
    expect(await remaining(id)).toBe('100.000');
    expect(queue.live()).toEqual([]);
  });

  it('draws the last of a quantity once when declarations race for it: the loser leaves nothing behind', async () => {
    const queue = memoryQueue();
    const { lpco, id } = await registered();
    const before = await t.counts();
    const ingest = ingestInto(t, queue, [toCustoms]);
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => ingest(request(`decl-race-${i}`, reserving(lpco, '60')))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes)
      if (o.status === 'rejected')
        expect((o.reason as { findings: Array<{ code: string }> }).findings.map((f) => f.code)).toContain('lpco.quantity-insufficient');
    const after = await t.counts();
    expect(after.exchanges - before.exchanges).toBe(1);
    expect(after.reservations - before.reservations).toBe(1);
    expect(await remaining(id)).toBe('40.000');
    expect(queue.live()).toHaveLength(1);
  });

  it('keeps nothing reserved when the exchange cannot be stored (its log append fails in the same transaction)', async () => {
    const queue = memoryQueue();
    const { lpco, id } = await registered();
    const before = await t.counts();
    const failing = ingestInto(t, queue, [toCustoms], { recordProvenance: async () => Promise.reject(new Error('the log append failed')) });
    await expect(failing(request('decl-log-down', reserving(lpco, '10')))).rejects.toThrow('the log append failed');
    expect(await t.counts()).toEqual(before);
    expect(await remaining(id)).toBe('100.000');
    expect(queue.live()).toEqual([]);
    // Nothing was held meanwhile: the same declaration goes through once the log takes it.
    await ingestInto(t, queue, [toCustoms])(request('decl-log-down', reserving(lpco, '10')));
    expect(await remaining(id)).toBe('90.000');
  });

  it('refuses before touching the registry when no agreement routes the document (422)', async () => {
    const { lpco, id } = await registered();
    const before = await t.counts();
    const err = await rejected(ingestInto(t, memoryQueue(), [agreementFor('lpco', 'customs')])(request('decl-unrouted', reserving(lpco, '10'))));
    expect([err.status, err.findings[0]?.code]).toEqual([422, 'routing.no-agreement']);
    expect(await t.counts()).toEqual(before);
    expect(await remaining(id)).toBe('100.000');
  });

  it('answers two racing requests with one idempotency key as one exchange: one reservation, the other replayed', async () => {
    const queue = memoryQueue();
    const { lpco, id } = await registered();
    const before = await t.counts();
    const ingest = ingestInto(t, queue, [toCustoms]);
    const same = () => ingest(request('decl-idem', reserving(lpco, '25'), { idempotencyKey: 'key-race' }));
    const answers = await Promise.all([same(), same(), same()]);
    expect(new Set(answers.map((a) => a.exchangeId)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    const after = await t.counts();
    expect([after.exchanges - before.exchanges, after.reservations - before.reservations]).toEqual([1, 1]);
    expect(await remaining(id)).toBe('75.000');
    expect(queue.live()).toHaveLength(1);
  });

  it('refuses the same idempotency key with other content (409), reserving nothing more', async () => {
    const { lpco, id } = await registered();
    const ingest = ingestInto(t, memoryQueue(), [toCustoms]);
    await ingest(request('decl-first', reserving(lpco, '5'), { idempotencyKey: 'key-reused' }));
    const err = await rejected(ingest(request('decl-other', reserving(lpco, '5'), { idempotencyKey: 'key-reused' })));
    expect([err.status, err.findings[0]?.code]).toEqual([409, 'idempotency.conflict']);
    expect(await remaining(id)).toBe('95.000');
  });

  it('refuses a racing request with a used idempotency key and other content (409) inside the batch, and the batch stands for the others', async () => {
    const before = await t.counts();
    const ingest = ingestInto(t, memoryQueue(), [toCustoms]);
    const answers = await Promise.allSettled([
      ingest(request('decl-race-a', undefined, { idempotencyKey: 'key-race-other' })),
      ingest(request('decl-race-b', undefined, { idempotencyKey: 'key-race-other' })),
      ingest(request('decl-race-unrelated')),
    ]);
    // Whichever of the two came first wins; the other is refused.
    expect(answers.map((a) => a.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(answers[2]?.status).toBe('fulfilled');
    const refused = (answers.find((a) => a.status === 'rejected') as PromiseRejectedResult).reason as { status: number; findings: Array<{ code: string }> };
    expect([refused.status, refused.findings[0]?.code]).toEqual([409, 'idempotency.conflict']);
    expect((await t.counts()).exchanges - before.exchanges).toBe(2);
  });

  it('keeps the exchange (202 stands) when the queue is down: the job is told to onEnqueueFailed for the reconciler', async () => {
    const notQueued: DeliveryJob[] = [];
    const { lpco, id } = await registered();
    const result = await ingestInto(t, memoryQueue(), [toCustoms], queueDown(notQueued))(request('decl-queue-down', reserving(lpco, '10')));
    expect(result.status).toBe('routed');
    expect(await findExchange(t.store, result.exchangeId)).toBeDefined();
    expect(notQueued).toEqual([{ exchangeId: result.exchangeId, destination: 'customs' }]);
    expect(await remaining(id)).toBe('90.000');
  });

  it("registers an e-LPCO with its exchange and answers with the registry's id; a duplicate leaves neither", async () => {
    const lpco = sampleLpco();
    const issuer = participant(PLANT_AUTHORITY, { kind: 'pga' });
    const register = (): IngestRequest => ({
      sender: issuer,
      documentKind: 'lpco',
      body: Buffer.from(JSON.stringify(lpco)),
      mediaType: 'application/json',
      read: () => ({
        facts: {},
        findings: [],
        document: { content: JSON.stringify(lpco), mediaType: 'application/json', format: 'lpco-json' },
        registry: { step: 'register', lpco, issuer: issuer.id },
      }),
    });
    const ingest = ingestInto(t, memoryQueue(), [agreementFor('lpco', 'customs')]);
    const first = await ingest(register());
    expect((await getLpco(t.lpcoDb, first.extra?.lpcoId ?? '', { now: duringValidity }))?.number).toBe(lpco.number);
    const before = await t.counts();
    const err = await rejected(ingest(register()));
    expect([err.status, err.findings[0]?.code]).toEqual([409, 'lpco.duplicate']);
    expect(await t.counts()).toEqual(before);
  });

  it('warns of an e-LPCO the registry does not know under the warning policy, and stores the warning with the exchange', async () => {
    const unknown = sampleLpco();
    const ingest = ingestInto(t, memoryQueue(), [toCustoms], { unknownLpco: 'warning' });
    const result = await ingest(request('decl-unknown', reserving(unknown, '1')));
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([['lpco.unknown', 'warning']]);
    expect(JSON.parse((await findExchange(t.store, result.exchangeId))?.findings ?? '[]')).toEqual(result.findings);
  });
});
