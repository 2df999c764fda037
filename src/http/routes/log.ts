import type { FastifyInstance } from 'fastify';
import { finding, RejectionError } from '../../findings.js';
import { signedNoteText } from '../../provenance/checkpoint.js';
import type { ProvenanceLog } from '../../provenance/log.js';
import { PROVENANCE_EVENTS } from '../../provenance/record.js';
import type { LogEntry, StoredEntry } from '../../provenance/shapes.js';
import type { Store } from '../../store/exchanges.js';
import { recordsSeenBy } from '../../store/visibility.js';
import { bearerSecurity, problems } from '../schemas.js';

const base64Hash = { type: 'string', description: 'base64 SHA-256' } as const;
const sha256Hex = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
// The store keys are 32-bit on PostgreSQL: larger numbers are refused here rather than by the database.
const index = { type: 'integer', minimum: 0, maximum: 2 ** 31 - 1 } as const;

const checkpointSchema = {
  type: 'object',
  description: 'A signed checkpoint (C2SP signed-note style); `signature` is Ed25519 over the bytes of `note`',
  required: ['origin', 'treeSize', 'rootHash', 'timestamp', 'note', 'signature'],
  properties: {
    origin: { type: 'string' },
    treeSize: index,
    rootHash: base64Hash,
    timestamp: { type: 'string', format: 'date-time' },
    note: { type: 'string', description: '<origin>\\n<treeSize>\\n<rootHash>\\ntimestamp <timestamp>\\n' },
    signature: { type: 'string', description: 'base64' },
  },
} as const;

const entitySchema = {
  type: 'object',
  required: ['contentSha256'],
  additionalProperties: true,
  properties: { contentSha256: sha256Hex, name: { type: 'string' }, mediaType: { type: 'string' } },
} as const;

// additionalProperties everywhere: the record is hashed as stored, so serialisation must never drop a field.
const provenanceRecordSchema = {
  type: 'object',
  description: 'W3C PROV-style record of one exchange event; its RFC 8785 canonical JSON is the leaf input',
  required: ['exchangeId', 'event', 'time', 'entity', 'activity', 'agent', 'used', 'wasGeneratedBy'],
  additionalProperties: true,
  properties: {
    exchangeId: { type: 'string' },
    event: { type: 'string', enum: PROVENANCE_EVENTS },
    time: { type: 'string', format: 'date-time' },
    entity: entitySchema,
    activity: {
      type: 'object',
      required: ['id', 'type'],
      additionalProperties: true,
      properties: { id: { type: 'string' }, type: { type: 'string' }, destination: { type: 'string' } },
    },
    agent: {
      type: 'object',
      required: ['participant'],
      additionalProperties: true,
      properties: { participant: { type: 'string' }, certificateFingerprint: sha256Hex },
    },
    used: { type: 'array', items: entitySchema },
    wasGeneratedBy: { type: 'string' },
    wasDerivedFrom: {
      type: 'object',
      required: ['entity', 'mapping', 'specSha256'],
      additionalProperties: true,
      properties: { entity: sha256Hex, mapping: { type: 'string', description: 'id@version' }, specSha256: sha256Hex },
    },
  },
} as const;

const saltSchema = {
  type: 'string',
  pattern: '^[0-9a-f]{64}$',
  description: 'hex of the 32 random bytes the commitment is salted with: commitment = SHA-256(salt ‖ RFC 8785 canonical JSON of record)',
} as const;

const entrySchema = {
  type: 'object',
  description:
    'Everybody gets the leaf hash and, for a committed entry, the leaf input {"commitment":"<hex>"}; the record and its salt only a party to the exchange allowed to see that record, or an operator (docs/SECURITY.md)',
  required: ['index', 'leafHash'],
  properties: {
    index,
    leafHash: base64Hash,
    leafInput: {
      type: 'string',
      description:
        'base64 of the leaf input: {"commitment":"<hex>"} (RFC 8785); for an entry logged in clear before commitments, the record itself, shown only with the record',
    },
    record: provenanceRecordSchema,
    salt: saltSchema,
  },
} as const;

const inclusionProofSchema = {
  type: 'object',
  required: ['index', 'treeSize', 'auditPath'],
  properties: { index, treeSize: index, auditPath: { type: 'array', items: base64Hash } },
} as const;

const consistencyProofSchema = {
  type: 'object',
  required: ['from', 'to', 'path'],
  properties: { from: index, to: index, path: { type: 'array', items: base64Hash } },
} as const;

/** For GET /v1/exchanges/{id}/provenance, answered with log.receiptForExchange(id, the records the caller may see). */
export const provenanceReceiptSchema = {
  type: 'object',
  description: 'Verifies offline with the log public key: `swgate verify RECEIPT.json --public-key log.pub.pem`',
  required: ['exchangeId', 'entries', 'checkpoint', 'proofs'],
  properties: {
    exchangeId: { type: 'string' },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['leafIndex', 'leafHash', 'record'],
        properties: {
          leafIndex: index,
          leafHash: base64Hash,
          record: provenanceRecordSchema,
          salt: { ...saltSchema, description: `${saltSchema.description}; absent for an entry logged in clear before commitments` },
        },
      },
    },
    checkpoint: checkpointSchema,
    proofs: { type: 'array', items: inclusionProofSchema },
  },
} as const;

const tags = ['provenance'];
const security = bearerSecurity;

/**
 * What of an entry a reader is shown. The leaf input of a committed entry reveals nothing without
 * its salt; that of an entry logged in clear is its record, so it goes only with the record.
 */
function shownEntry(entry: StoredEntry, seesRecord: boolean): LogEntry {
  const { index, leafHash, leafInput, record, salt } = entry;
  if (seesRecord) return { index, leafHash, leafInput: leafInput.toString('base64'), record, ...(salt !== undefined ? { salt } : {}) };
  return { index, leafHash, ...(salt !== undefined ? { leafInput: leafInput.toString('base64') } : {}) };
}

export function logRoutes(app: FastifyInstance, deps: { log: ProvenanceLog; publicKeyPem: string; store: Store }): void {
  const { log, publicKeyPem, store } = deps;

  app.get(
    '/v1/log/checkpoint',
    {
      schema: {
        operationId: 'getCheckpoint',
        tags,
        summary: 'The latest signed checkpoint (JSON, or the C2SP signed note for Accept: text/plain)',
        security,
        response: {
          200: { content: { 'application/json': { schema: checkpointSchema }, 'text/plain': { schema: { type: 'string' } } } },
          ...problems(401, 404),
        },
      },
    },
    async (request, reply) => {
      const checkpoint = await log.latestCheckpoint();
      if (!checkpoint) throw new RejectionError(404, 'Not found', [finding('provenance.no-checkpoint', 'The log has not published a checkpoint yet.')]);
      if (prefersText(request.headers.accept)) return reply.type('text/plain; charset=utf-8').send(signedNoteText(checkpoint, publicKeyPem));
      return reply.type('application/json').send(checkpoint);
    },
  );

  app.get<{ Querystring: { limit: number; cursor?: string } }>(
    '/v1/log/checkpoints',
    {
      schema: {
        operationId: 'listCheckpoints',
        tags,
        summary: 'The signed checkpoints the gateway has published, largest tree first: an older one to ask a consistency proof from',
        security,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: { type: 'string', pattern: '^[0-9]{1,10}$', description: 'nextCursor of the previous page' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['checkpoints'],
            properties: { checkpoints: { type: 'array', items: checkpointSchema }, nextCursor: { type: 'string' } },
          },
          ...problems(400, 401),
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const checkpoints = await log.checkpoints(limit, cursor === undefined ? undefined : Number(cursor));
      const last = checkpoints.at(-1);
      return checkpoints.length === limit && last ? { checkpoints, nextCursor: String(last.treeSize) } : { checkpoints };
    },
  );

  app.get<{ Params: { index: number } }>(
    '/v1/log/entries/:index',
    {
      schema: {
        operationId: 'getLogEntry',
        tags,
        summary:
          'A log entry: its leaf hash and leaf input (a salted commitment); the PROV record and salt too for a party allowed to see the record, or an operator',
        security,
        params: { type: 'object', required: ['index'], properties: { index } },
        response: { 200: entrySchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const entry = await log.entry(request.params.index);
      const sees = await recordsSeenBy(store, entry.exchangeId, request.participant);
      return shownEntry(entry, sees?.(entry.record.activity.destination) ?? false);
    },
  );

  app.get<{ Querystring: { index: number; size: number } }>(
    '/v1/log/proofs/inclusion',
    {
      schema: {
        operationId: 'getInclusionProof',
        tags,
        summary: 'Audit path of an entry in the tree of a given size (RFC 9162 §2.1.3)',
        security,
        querystring: { type: 'object', required: ['index', 'size'], properties: { index, size: { ...index, minimum: 1 } } },
        response: { 200: inclusionProofSchema, ...problems(400, 401) },
      },
    },
    (request) => log.inclusionProof(request.query.index, request.query.size),
  );

  app.get<{ Querystring: { from: number; to: number } }>(
    '/v1/log/proofs/consistency',
    {
      schema: {
        operationId: 'getConsistencyProof',
        tags,
        summary: 'Proof that the tree of size `to` extends the tree of size `from` (RFC 9162 §2.1.4)',
        security,
        querystring: { type: 'object', required: ['from', 'to'], properties: { from: index, to: index } },
        response: { 200: consistencyProofSchema, ...problems(400, 401) },
      },
    },
    (request) => log.consistencyProof(request.query.from, request.query.to),
  );

  app.get(
    '/v1/log/public-key',
    {
      schema: {
        tags,
        operationId: 'getLogPublicKey',
        summary: 'The checkpoint signing key (PEM, SubjectPublicKeyInfo)',
        security,
        response: { 200: { content: { 'application/x-pem-file': { schema: { type: 'string' } } } }, ...problems(401) },
      },
    },
    (_request, reply) => reply.type('application/x-pem-file').send(publicKeyPem),
  );
}

/** JSON unless the client ranks text/plain above JSON (curl's default * / * gets JSON). */
function prefersText(accept: string | undefined): boolean {
  const ranks = (accept ?? '').split(',').map((part, order) => {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, order };
  });
  const best = (types: string[]) => ranks.filter((r) => types.includes(r.type) && r.q > 0).sort((a, b) => b.q - a.q || a.order - b.order)[0];
  const text = best(['text/plain']);
  const json = best(['application/json', 'application/*', '*/*']);
  return text !== undefined && (json === undefined || text.q > json.q || (text.q === json.q && text.order < json.order));
}
