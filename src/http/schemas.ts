import { DELIVERY_STATUSES, EXCHANGE_STATUSES } from '../store/exchange-tables.js';

/** JSON Schemas shared by routes: they drive validation, serialisation and the OpenAPI document. */
export const findingSchema = {
  type: 'object',
  required: ['severity', 'code', 'message', 'path'],
  properties: {
    severity: { type: 'string', enum: ['error', 'warning', 'info'] },
    code: { type: 'string' },
    message: { type: 'string' },
    path: { type: 'string', description: 'JSON pointer into the document' },
    xpath: { type: 'string' },
  },
} as const;

export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  required: ['type', 'title', 'status', 'detail', 'findings'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    findings: { type: 'array', items: findingSchema },
  },
} as const;

/** Problem answers a route may give, keyed by status, for the OpenAPI document. */
export function problems(...statuses: number[]): Record<number, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema]));
}

export const acceptedSchema = {
  type: 'object',
  required: ['exchangeId', 'status', 'receivedAt', 'contentSha256', 'links'],
  properties: {
    exchangeId: { type: 'string', description: 'ULID' },
    status: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
    contentSha256: { type: 'string' },
    links: { type: 'object', required: ['self'], properties: { self: { type: 'string' }, provenance: { type: 'string' } } },
    lpcoId: { type: 'string', description: 'For an e-LPCO: its id in the registry (GET /v1/lpcos/{id})' },
    provenance: {
      type: 'object',
      description: 'Where the record of its receipt stands in the provenance log',
      required: ['leafIndex', 'leafHash'],
      properties: { leafIndex: { type: 'integer' }, leafHash: { type: 'string', description: 'base64' } },
    },
  },
} as const;

const anyJson = {} as const;

const roleSchema = {
  type: 'string',
  enum: ['sender', 'operator', 'destination'],
  description:
    "The caller's part in the exchange. A sender or operator sees the whole exchange; a destination sees only its own delivery, and of the exchange its id, sender, kind and receivedAt (docs/SECURITY.md)",
} as const;
const wholeOnly = '(sender and operators only)';

export const exchangeSchema = {
  type: 'object',
  required: ['exchangeId', 'role', 'sender', 'kind', 'receivedAt', 'updatedAt', 'deliveries', 'timeline', 'documents'],
  properties: {
    exchangeId: { type: 'string' },
    role: roleSchema,
    sender: { type: 'string' },
    kind: { type: 'string' },
    format: { type: 'string', description: wholeOnly },
    status: { type: 'string', enum: [...EXCHANGE_STATUSES], description: wholeOnly },
    contentSha256: { type: 'string', description: `SHA-256 of the original ${wholeOnly}` },
    messageId: { type: ['string', 'null'], description: wholeOnly },
    receivedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time', description: 'For a destination: when its delivery last changed' },
    facts: { ...anyJson, description: wholeOnly },
    findings: { type: 'array', items: findingSchema, description: wholeOnly },
    control: {
      type: 'object',
      required: ['lane'],
      additionalProperties: false,
      description: `The lane targeting put the declaration in (green, yellow, red), and nothing else of the decision, which is confidential: GET /v1/exchanges/{id}/risk for the agencies ${wholeOnly}`,
      properties: { lane: { type: 'string', enum: ['green', 'yellow', 'red'] } },
    },
    deliveries: {
      type: 'array',
      description: "Every delivery for the sender and operators; a destination's own only",
      items: {
        type: 'object',
        required: ['destination', 'agreement', 'format', 'status', 'attempts'],
        properties: {
          destination: { type: 'string' },
          agreement: { type: 'string' },
          format: { type: 'string' },
          mapping: { type: ['string', 'null'] },
          status: { type: 'string', enum: [...DELIVERY_STATUSES] },
          attempts: { type: 'integer' },
          lastError: { type: ['string', 'null'] },
          receipt: anyJson,
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
    },
    timeline: {
      type: 'array',
      description: 'Every event for the sender and operators; those of its own delivery for a destination',
      items: {
        type: 'object',
        required: ['at', 'event'],
        properties: { at: { type: 'string', format: 'date-time' }, event: { type: 'string' }, destination: { type: 'string' }, detail: anyJson },
      },
    },
    documents: {
      type: 'array',
      description:
        'Every stored document for the sender and operators; for a destination what it was sent (to-<destination>, or the original when sent unchanged)',
      items: {
        type: 'object',
        required: ['name', 'mediaType', 'sha256', 'href'],
        properties: { name: { type: 'string' }, mediaType: { type: 'string' }, sha256: { type: 'string' }, href: { type: 'string' } },
      },
    },
  },
} as const;

export const exchangeSummarySchema = {
  type: 'object',
  required: ['exchangeId', 'role', 'sender', 'kind', 'receivedAt', 'updatedAt'],
  properties: {
    exchangeId: { type: 'string' },
    role: roleSchema,
    sender: { type: 'string' },
    kind: { type: 'string' },
    status: { type: 'string', description: wholeOnly },
    messageId: { type: ['string', 'null'], description: wholeOnly },
    reference: { type: ['string', 'null'], description: `The document's reference: a declaration's LRN (Declaration/FunctionalReferenceID) ${wholeOnly}` },
    mrn: { type: ['string', 'null'], description: `The declaration's MRN (Declaration/ID) when it states one ${wholeOnly}` },
    deliveryStatus: { type: 'string', enum: [...DELIVERY_STATUSES], description: "For a destination: its delivery's status" },
    receivedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time', description: 'For a destination: when its delivery last changed' },
  },
} as const;

export const bearerSecurity = [{ apiKey: [] }];
