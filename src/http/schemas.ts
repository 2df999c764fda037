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

export const exchangeSchema = {
  type: 'object',
  required: ['exchangeId', 'sender', 'kind', 'format', 'status', 'contentSha256', 'receivedAt', 'updatedAt', 'findings', 'deliveries', 'timeline', 'documents'],
  properties: {
    exchangeId: { type: 'string' },
    sender: { type: 'string' },
    kind: { type: 'string' },
    format: { type: 'string' },
    status: { type: 'string', enum: [...EXCHANGE_STATUSES] },
    contentSha256: { type: 'string' },
    messageId: { type: ['string', 'null'] },
    receivedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    facts: anyJson,
    findings: { type: 'array', items: findingSchema },
    deliveries: {
      type: 'array',
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
      items: {
        type: 'object',
        required: ['at', 'event'],
        properties: { at: { type: 'string', format: 'date-time' }, event: { type: 'string' }, destination: { type: 'string' }, detail: anyJson },
      },
    },
    documents: {
      type: 'array',
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
  required: ['exchangeId', 'sender', 'kind', 'status', 'receivedAt', 'updatedAt'],
  properties: {
    exchangeId: { type: 'string' },
    sender: { type: 'string' },
    kind: { type: 'string' },
    status: { type: 'string' },
    messageId: { type: ['string', 'null'] },
    receivedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const bearerSecurity = [{ apiKey: [] }];
