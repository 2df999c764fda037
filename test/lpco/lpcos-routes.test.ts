import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Participant, ParticipantKind } from '../../src/config/types.js';
import { installProblemHandlers } from '../../src/http/problem.js';
import { lpcoRoutes } from '../../src/http/routes/lpcos.js';
import '../../src/http/request-context.js';
import { registerLpco } from '../../src/lpco/registry.js';
import { databaseKinds } from '../support/databases.js';
import { HOLDER, PLANT_AUTHORITY, duringValidity, sampleLpco, useLpcoDatabase } from './support.js';

const kinds = await databaseKinds();

const participant = (id: string, kind: ParticipantKind, operator = false, actsFor: Participant['actsFor'] = []): Participant => ({
  id,
  kind,
  name: id,
  apiKeySha256: [],
  certificateFingerprints: [],
  operator,
  actsFor,
  issues: [],
});
/** trader-demo acts for the sample's holder. */
const PARTICIPANTS = new Map(
  [
    participant(PLANT_AUTHORITY, 'pga'),
    participant('pga-food', 'pga'),
    participant('customs', 'customs'),
    participant('trader-demo', 'trader', false, [{ id: HOLDER, as: 'declarant' }]),
    participant('trader-other', 'trader'),
    participant('ops', 'platform', true),
  ].map((p) => [p.id, p]),
);

describe.each(kinds)('LPCO routes on %s', (kind) => {
  const t = useLpcoDatabase(kind);
  let app: FastifyInstance;
  let id: string;

  beforeAll(async () => {
    app = Fastify();
    await app.register(swagger, {
      openapi: { openapi: '3.1.0', info: { title: 'test', version: '0' }, components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } } },
    });
    installProblemHandlers(app);
    // Stands in for the app's auth hook: the caller named in a header.
    app.addHook('onRequest', async (request) => {
      request.participant = PARTICIPANTS.get(String(request.headers['x-participant'])) as Participant;
    });
    lpcoRoutes(app, { db: t.db, kind: t.kind, now: duringValidity });
    await app.ready();
    id = await registerLpco(t.db, t.kind, sampleLpco(), PLANT_AUTHORITY, { now: duringValidity });
  });
  afterAll(async () => app?.close());

  const get = (as: string, lpcoId = id) => app.inject({ method: 'GET', url: `/v1/lpcos/${lpcoId}`, headers: { 'x-participant': as } });
  const post = (as: string, body: unknown) =>
    app.inject({ method: 'POST', url: `/v1/lpcos/${id}/status`, headers: { 'x-participant': as }, payload: body as object });

  it('shows status, remaining quantities and history to the issuer, customs, operators and the holder', async () => {
    for (const as of [PLANT_AUTHORITY, 'customs', 'ops', 'trader-demo']) {
      const res = await get(as);
      expect(res.statusCode, as).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ id, documentCode: 'N851', status: 'issued', issuerParticipant: PLANT_AUTHORITY, holderId: HOLDER, replacedBy: null });
      expect(body.lines).toEqual([{ sequence: '1', quantityControlled: true, hsCode: '060290', unit: 'KGM', quantity: '100.000', remaining: '100.000' }]);
      expect(body.history).toEqual([{ at: duringValidity().toISOString(), from: null, to: 'issued', reason: 'registered', actor: PLANT_AUTHORITY }]);
      expect(body.document.lines[0].quantity).toBe('100.000');
    }
  });

  it('answers 404 to anyone else, and for ids that are not there or not ULIDs', async () => {
    for (const as of ['pga-food', 'trader-other']) {
      const res = await get(as);
      expect([res.statusCode, res.json().findings[0].code]).toEqual([404, 'lpco.not-found']);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await get('ops', '01ARZ3NDEKTSV4RRFFQ69G5FAV')).statusCode).toBe(404);
    expect((await get('ops', 'not-an-id')).statusCode).toBe(400);
  });

  it('lets only the issuer change the status, with a reason, along the lifecycle', async () => {
    expect((await post('pga-food', { status: 'revoked', reason: 'x' })).statusCode).toBe(404);
    const holder = await post('trader-demo', { status: 'withdrawn', reason: 'no longer needed' });
    expect([holder.statusCode, holder.json().findings[0].code]).toEqual([403, 'lpco.not-issuer']);
    expect((await post(PLANT_AUTHORITY, { status: 'exhausted', reason: 'x' })).statusCode).toBe(400);
    expect((await post(PLANT_AUTHORITY, { status: 'revoked' })).statusCode).toBe(400);

    const revoked = await post(PLANT_AUTHORITY, { status: 'revoked', reason: 'pest found on inspection' });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({
      status: 'revoked',
      history: [{ to: 'issued' }, { from: 'issued', to: 'revoked', reason: 'pest found on inspection', actor: PLANT_AUTHORITY }],
    });
    const again = await post(PLANT_AUTHORITY, { status: 'withdrawn', reason: 'x' });
    expect([again.statusCode, again.json().findings[0].code]).toEqual([409, 'lpco.transition']);
  });

  it('describes both routes in the OpenAPI document', () => {
    const paths = (app.swagger() as unknown as { paths: Record<string, Record<string, { tags: string[] }>> }).paths;
    expect(paths['/v1/lpcos/{id}']?.get?.tags).toEqual(['lpcos']);
    expect(paths['/v1/lpcos/{id}/status']?.post?.tags).toEqual(['lpcos']);
  });
});
