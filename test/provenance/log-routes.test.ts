import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logRoutes } from '../../src/http/routes/log.js';
import { installProblemHandlers } from '../../src/http/problem.js';
import { hashLeaf, verifyConsistency, verifyInclusion } from '../../src/provenance/merkle.js';
import { buildRecord, leafInputOf } from '../../src/provenance/record.js';
import { verifyCheckpoint } from '../../src/provenance/verify.js';
import { useExchangeStore } from '../support/databases.js';
import { storeExchange } from '../support/exchanges.js';
import { createTestLog, hex, sampleRecord, type TestLog } from './fixtures.js';

const b = (text: string) => Buffer.from(text, 'base64');

/** The caller, as authentication would have set it: `x-test-caller: <id>[,operator]`. */
function callerFromHeader(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const [id = 'nobody', operator] = String(request.headers['x-test-caller'] ?? '').split(',');
    request.participant = { id, operator: operator === 'operator' } as typeof request.participant;
  });
}

const EXCHANGE = '01JPRIVATEXCHANGE000000000';
const SENDER = 'trader-confidential';

describe('log routes', () => {
  let t: TestLog;
  let app: FastifyInstance;
  const suite = useExchangeStore('sqlite');
  const mapped = buildRecord({
    exchangeId: EXCHANGE,
    event: 'mapped',
    time: new Date('2026-11-29T05:00:00Z'),
    entity: { contentSha256: hex('mapped'), name: 'to-UG-URA' },
    agent: { participant: 'swgate' },
    used: [{ contentSha256: hex('original'), name: 'original' }],
    destination: 'UG-URA',
    derivedFrom: { entity: hex('original'), mapping: 'wco-to-asycuda@2.1.0', specSha256: hex('spec') },
  });
  const received = buildRecord({
    exchangeId: EXCHANGE,
    event: 'received',
    time: new Date('2026-11-29T04:59:59Z'),
    entity: { contentSha256: hex('original'), name: 'original' },
    agent: { participant: SENDER, certificateFingerprint: hex('cert') },
  });
  const as = (caller: string) => ({ 'x-test-caller': caller });

  beforeAll(async () => {
    t = await createTestLog('sqlite', {}, [sampleRecord(EXCHANGE, 'received')]);
    await storeExchange(suite.store, { id: EXCHANGE, sender: SENDER, destinations: ['UG-URA', 'KE-KRA'] });
    app = Fastify();
    installProblemHandlers(app);
    callerFromHeader(app);
    logRoutes(app, { log: t.log, publicKeyPem: t.signer.publicKeyPem, store: suite.store });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('answers 404 for the checkpoint before one is published', async () => {
    const res = await app.inject({ url: '/v1/log/checkpoint' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('shows a participant that is no party to the exchange only the commitment: no party, exchange, time or document', async () => {
    await t.log.append([received, mapped]);
    for (const index of [1, 2]) {
      const res = await app.inject({ url: `/v1/log/entries/${index}`, headers: as('pga-outsider') });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['index', 'leafHash', 'leafInput']);
      expect(hashLeaf(b(body.leafInput)).toString('base64')).toBe(body.leafHash);
      expect(b(body.leafInput).toString('utf8')).toMatch(/^\{"commitment":"[0-9a-f]{64}"\}$/);
      for (const secret of [EXCHANGE, SENDER, 'UG-URA', 'KE-KRA', 'wco-to-asycuda', '2026-11-29', hex('original'), hex('cert'), 'received', 'mapped']) {
        expect(res.body).not.toContain(secret);
        expect(b(body.leafInput).toString('utf8')).not.toContain(secret);
      }
    }
  });

  it('opens an entry to the parties allowed to see its record and to operators: the record and the salt that open the leaf', async () => {
    const shown = async (index: number, caller: string) => (await app.inject({ url: `/v1/log/entries/${index}`, headers: as(caller) })).json();
    for (const caller of [SENDER, 'UG-URA', 'auditor,operator']) {
      const body = await shown(2, caller);
      expect(body.record).toEqual(mapped);
      expect(body.salt).toMatch(/^[0-9a-f]{64}$/);
      expect(leafInputOf(body.record, body.salt)).toEqual(b(body.leafInput));
      expect(hashLeaf(b(body.leafInput)).toString('base64')).toBe(body.leafHash);
    }
    // The other destination sees neither UG-URA's records nor the exchange's own (received).
    for (const caller of ['KE-KRA', 'UG-URA']) expect(await shown(1, caller)).not.toHaveProperty('record');
    expect(await shown(2, 'KE-KRA')).not.toHaveProperty('salt');
    expect((await shown(1, SENDER)).record).toEqual(received);
  });

  it('serves an entry logged in clear before commitments only to those who may see it: others get its leaf hash alone', async () => {
    const outsider = (await app.inject({ url: '/v1/log/entries/0', headers: as('pga-outsider') })).json();
    expect(Object.keys(outsider).sort()).toEqual(['index', 'leafHash']);
    const sender = (await app.inject({ url: '/v1/log/entries/0', headers: as(SENDER) })).json();
    expect(sender).not.toHaveProperty('salt');
    expect(sender.record).toEqual(sampleRecord(EXCHANGE, 'received'));
    expect(hashLeaf(b(sender.leafInput)).toString('base64')).toBe(outsider.leafHash);
  });

  it('serves a signed checkpoint as JSON and as a signed note', async () => {
    await t.log.publishCheckpoint();
    const json = await app.inject({ url: '/v1/log/checkpoint' });
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.json()).toMatchObject({ origin: 'swgate.test/provenance', treeSize: 3 });
    expect(verifyCheckpoint(json.json(), t.signer.publicKeyPem).ok).toBe(true);

    const note = await app.inject({ url: '/v1/log/checkpoint', headers: { accept: 'text/plain, application/json;q=0.5' } });
    expect(note.headers['content-type']).toContain('text/plain');
    expect(note.body).toBe(`${json.json().note}\n\u2014 swgate.test/provenance ${note.body.split(' ').at(-1)}`);
    expect((await app.inject({ url: '/v1/log/checkpoint', headers: { accept: '*/*' } })).headers['content-type']).toContain('application/json');
  });

  it('serves inclusion and consistency proofs that verify against signed roots', async () => {
    const small = (await app.inject({ url: '/v1/log/checkpoint' })).json();
    await t.log.append([sampleRecord('M3'), sampleRecord('M4')]);
    const large = await t.log.publishCheckpoint();
    const entry = (await app.inject({ url: '/v1/log/entries/1', headers: as('pga-outsider') })).json();

    const inclusion = await app.inject({ url: '/v1/log/proofs/inclusion?index=1&size=5' });
    expect(inclusion.json()).toMatchObject({ index: 1, treeSize: 5 });
    expect(verifyInclusion(b(entry.leafHash), 1, 5, inclusion.json().auditPath.map(b), b(large.rootHash))).toBe(true);

    const consistency = await app.inject({ url: '/v1/log/proofs/consistency?from=3&to=5' });
    expect(consistency.json()).toMatchObject({ from: 3, to: 5 });
    expect(verifyConsistency(3, 5, b(small.rootHash), b(large.rootHash), consistency.json().path.map(b))).toBe(true);
  });

  it('refuses bad parameters with problem+json', async () => {
    for (const [url, status] of [
      ['/v1/log/entries/99', 404],
      ['/v1/log/entries/minus-one', 400],
      ['/v1/log/entries/99999999999', 400],
      ['/v1/log/proofs/inclusion?index=0', 400],
      ['/v1/log/proofs/inclusion?index=0&size=99', 400],
      ['/v1/log/proofs/inclusion?index=5&size=5', 400],
      ['/v1/log/proofs/consistency?from=4&to=2', 400],
      ['/v1/log/proofs/consistency?from=1&to=99', 400],
    ] as const) {
      const res = await app.inject({ url });
      expect({ url, status: res.statusCode }).toEqual({ url, status });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('serves the public key as PEM', async () => {
    const res = await app.inject({ url: '/v1/log/public-key' });
    expect(res.headers['content-type']).toContain('application/x-pem-file');
    expect(res.body).toBe(t.signer.publicKeyPem);
  });
});
