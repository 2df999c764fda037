import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logRoutes } from '../../src/http/routes/log.js';
import { installProblemHandlers } from '../../src/http/problem.js';
import { hashLeaf, verifyConsistency, verifyInclusion } from '../../src/provenance/merkle.js';
import { buildRecord } from '../../src/provenance/record.js';
import { verifyCheckpoint } from '../../src/provenance/verify.js';
import { createTestLog, hex, sampleRecord, type TestLog } from './fixtures.js';

const b = (text: string) => Buffer.from(text, 'base64');

describe('log routes', () => {
  let t: TestLog;
  let app: FastifyInstance;
  const mapped = buildRecord({
    exchangeId: 'M1',
    event: 'mapped',
    time: new Date('2026-11-29T05:00:00Z'),
    entity: { contentSha256: hex('mapped'), name: 'ug-asycuda' },
    agent: { participant: 'swgate' },
    used: [{ contentSha256: hex('original'), name: 'original' }],
    destination: 'UG-URA',
    derivedFrom: { entity: hex('original'), mapping: 'wco-to-asycuda@2.1.0', specSha256: hex('spec') },
  });

  beforeAll(async () => {
    t = await createTestLog('sqlite');
    app = Fastify();
    installProblemHandlers(app);
    logRoutes(app, { log: t.log, publicKeyPem: t.signer.publicKeyPem });
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

  it('serves entries exactly as logged, so their leaf hash can be recomputed', async () => {
    await t.log.append([sampleRecord('M0'), mapped, sampleRecord('M2')]);
    const res = await app.inject({ url: '/v1/log/entries/1' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.entry).toEqual(mapped);
    expect(hashLeaf(b(body.leafInput)).toString('base64')).toBe(body.leafHash);
    expect(JSON.parse(b(body.leafInput).toString('utf8'))).toEqual(mapped);
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
    const entry = (await app.inject({ url: '/v1/log/entries/1' })).json();

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
