/**
 * An agency's risk profiles over HTTP: /v1/risk/profiles and /v1/risk/profiles/{id}.
 *
 * Only customs and PGAs have profiles: anyone else is refused (403) before its body is read.
 * Each owner sees and changes its own only; ids are the owner's own, so another owner's profile
 * is simply not there (404) and its existence is never revealed. The body is checked by
 * risk/profiles/profile.ts, not by a Fastify schema, so every finding names the fact, operator
 * or lane it refuses; the schema below is for the OpenAPI document only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { finding, RejectionError } from '../../findings.js';
import { PROFILE_OWNER_KINDS } from '../../risk/profiles/folder.js';
import { checkProfile, PROFILE_ID_PATTERN, type RiskProfile, riskProfileSchema } from '../../risk/profiles/profile.js';
import {
  deleteProfile,
  findProfile,
  listProfiles,
  type ProfileView,
  type ProfileWriter,
  profileHistory,
  profileStats,
  writeProfile,
} from '../../risk/profiles/store.js';
import { DOCUMENT_BODY_KEY } from '../documents-in.js';
import { bearerSecurity, problems } from '../schemas.js';
import '../request-context.js';

export type RiskProfileRouteDeps = ProfileWriter;

/** A profile holds at most 10,000 values in a list: about 2.6 MB at the longest values allowed; more is refused unread. */
const BODY_LIMIT = 3 * 1024 * 1024;

const profileBody = {
  [DOCUMENT_BODY_KEY]: {
    description: 'A risk profile (docs/RISK.md, "Profiles"); the example is in openapi/examples/risk-profile.json',
    content: { 'application/json': { schema: riskProfileSchema } },
  },
};

const { properties: profileProperties } = riskProfileSchema;
const profileViewProperties = {
  ...profileProperties,
  when: { ...profileProperties.when, type: 'object', additionalProperties: true },
  lane: { type: 'string', enum: ['green', 'yellow', 'red'] },
  owner: { type: 'string', description: 'The participant that wrote it' },
  version: { type: 'integer', description: 'Counts every change, deletion included, since the id was first used' },
  source: { type: 'string', enum: ['api', 'folder'], description: 'Written through the API, or loaded from the profiles folder at start' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;
const viewRequired = ['id', 'when', 'lane', 'owner', 'version', 'source', 'updatedAt'];

const statsSchema = {
  type: 'object',
  description:
    "What the profile selected (every version) and what its owner's controls of those declarations found, current as soon as a control result is answered 201",
  required: ['hits', 'controlled', 'discrepancies', 'revenue', 'hitRate'],
  properties: {
    hits: { type: 'integer', description: 'Declarations it selected' },
    controlled: { type: 'integer', description: 'Of those, declarations its owner recorded a control result on' },
    discrepancies: { type: 'integer', description: 'Of those, declarations where a result found a discrepancy' },
    revenue: { type: 'number', description: 'What those control results recovered' },
    hitRate: { type: ['number', 'null'], description: 'discrepancies / controlled; null before any control' },
  },
} as const;

const versionsSchema = {
  type: 'array',
  description: 'Every version, oldest first: who changed the profile when (each change is also in the provenance log)',
  items: {
    type: 'object',
    required: ['version', 'changedAt', 'changedBy', 'source', 'sha256', 'deleted'],
    properties: {
      version: { type: 'integer' },
      changedAt: { type: 'string', format: 'date-time' },
      changedBy: { type: 'string' },
      source: { type: 'string', enum: ['api', 'folder'] },
      sha256: { type: 'string', description: "SHA-256 of the version's RFC 8785 canonical JSON: the entity of its provenance record" },
      deleted: { type: 'boolean' },
    },
  },
} as const;

const profileViewSchema = { type: 'object', required: viewRequired, properties: profileViewProperties } as const;
const profileWithStatsSchema = {
  type: 'object',
  required: [...viewRequired, 'stats', 'versions'],
  properties: { ...profileViewProperties, stats: statsSchema, versions: versionsSchema },
} as const;

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: PROFILE_ID_PATTERN } } } as const;

const viewJson = (view: ProfileView) => ({ ...view.profile, owner: view.owner, version: view.version, source: view.source, updatedAt: view.updatedAt });

function profileFrom(body: unknown): RiskProfile {
  const checked = checkProfile(body);
  if (!('profile' in checked)) throw new RejectionError(400, 'Invalid risk profile', checked.findings);
  return checked.profile;
}

export function riskProfileRoutes(app: FastifyInstance, deps: RiskProfileRouteDeps): void {
  const { store } = deps;
  const notFound = (id: string) => new RejectionError(404, 'Not found', [finding('risk-profile.not-found', `You have no risk profile "${id}".`)]);

  // Before the body is read (after authentication, whose hook is the app's): whatever it holds, a trader's or platform's request goes no further.
  const ownersOnly = async (request: FastifyRequest) => {
    if (!PROFILE_OWNER_KINDS.includes(request.participant.kind)) {
      throw new RejectionError(403, 'Forbidden', [finding('risk-profile.forbidden', 'Only customs and PGAs have risk profiles.')]);
    }
  };
  const tags = ['risk'];

  app.post(
    '/v1/risk/profiles',
    {
      bodyLimit: BODY_LIMIT,
      onRequest: ownersOnly,
      schema: {
        operationId: 'createRiskProfile',
        tags,
        summary: 'A new risk profile of the caller (customs, PGAs): applies to every declaration received after its 201',
        security: bearerSecurity,
        ...profileBody,
        response: { 201: profileViewSchema, ...problems(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { view } = await writeProfile(deps, request.participant.id, profileFrom(request.body), 'create', 'api');
      return reply.code(201).header('location', `/v1/risk/profiles/${view.profile.id}`).send(viewJson(view));
    },
  );

  app.get<{ Querystring: { limit: number; cursor?: string } }>(
    '/v1/risk/profiles',
    {
      onRequest: ownersOnly,
      schema: {
        operationId: 'listRiskProfiles',
        tags,
        summary: "The caller's risk profiles, by id",
        security: bearerSecurity,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: { type: 'string', pattern: PROFILE_ID_PATTERN, description: 'nextCursor of the previous page' },
          },
        },
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: profileViewSchema }, nextCursor: { type: 'string' } } },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const views = await listProfiles(store, request.participant.id, { limit, ...(cursor !== undefined ? { cursor } : {}) });
      const last = views.at(-1);
      const items = views.map(viewJson);
      return views.length === limit && last ? { items, nextCursor: last.profile.id } : { items };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/risk/profiles/:id',
    {
      onRequest: ownersOnly,
      schema: {
        operationId: 'getRiskProfile',
        tags,
        summary: "One of the caller's risk profiles, with its stats and versions",
        security: bearerSecurity,
        params: idParams,
        response: { 200: profileWithStatsSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const owner = request.participant.id;
      const { id } = request.params;
      const view = await findProfile(store, owner, id);
      if (!view) throw notFound(id);
      const [stats, versions] = await Promise.all([profileStats(store, owner, id), profileHistory(store, owner, id)]);
      return { ...viewJson(view), stats, versions };
    },
  );

  app.put<{ Params: { id: string } }>(
    '/v1/risk/profiles/:id',
    {
      bodyLimit: BODY_LIMIT,
      onRequest: ownersOnly,
      schema: {
        operationId: 'replaceRiskProfile',
        tags,
        summary: "Changes one of the caller's risk profiles: a new version, unless nothing changed",
        security: bearerSecurity,
        params: idParams,
        ...profileBody,
        response: { 200: profileViewSchema, ...problems(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      const profile = profileFrom(request.body);
      if (profile.id !== request.params.id) {
        throw new RejectionError(400, 'Invalid risk profile', [
          finding('risk-profile.id', `The body's id "${profile.id}" is not the path's "${request.params.id}": a profile keeps its id.`, '/id'),
        ]);
      }
      return viewJson((await writeProfile(deps, request.participant.id, profile, 'replace', 'api')).view);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/risk/profiles/:id',
    {
      onRequest: ownersOnly,
      schema: {
        operationId: 'deleteRiskProfile',
        tags,
        summary: "Deletes one of the caller's risk profiles (its versions stay, and the deletion is one)",
        security: bearerSecurity,
        params: idParams,
        response: { 204: { type: 'null', description: 'Deleted' }, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteProfile(deps, request.participant.id, request.params.id);
      return reply.code(204).send();
    },
  );
}
