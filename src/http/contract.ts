import { ALERT_KINDS } from '../analytics/alerts.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import declarationSchema from '../documents/wco/generated/dms.schema.json' with { type: 'json' };
import lpcoExample from '../sandbox/examples/lpco-phyto.json' with { type: 'json' };
import { partnerAeoSchema, partnerControlSchema } from '../risk/partner-messages.js';
import { findingSchema, problemSchema } from './schemas.js';

/**
 * What the OpenAPI document says beyond the route schemas, added to what @fastify/swagger
 * generates: where to reach the gateway, the licence, problem+json as the media type of every
 * error, the document schemas and examples, and the two requests the gateway makes itself
 * (`webhooks`): the sender's notification, customs' analytics alert and the delivery a destination endpoint receives.
 */

// Read when the document is made, from the installation's root (mappings/ and openapi/ ship with the gateway).
const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const text = (path: string) => readFileSync(fromRoot(path), 'utf8');
const json = (path: string) => JSON.parse(text(path)) as Record<string, unknown>;

/**
 * A JSON Schema as an OpenAPI component: its own `$defs` references re-pointed to where it now
 * sits, and the gateway's own keywords (`xsd`: the XSD facets the validator applies) marked as
 * extensions, which is what OpenAPI calls them.
 */
function component(file: Record<string, unknown>, name: string): Record<string, unknown> {
  const { $schema: _dialect, $id: _id, $defs, ...root } = file as Record<string, unknown> & { $defs?: Record<string, unknown> };
  const schema = $defs ? { ...root, $defs: reachable(root, $defs) } : root;
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) => {
    if (key === '$ref' && typeof value === 'string') return value.replace(/^#\/\$defs\//, `#/components/schemas/${name}/$defs/`);
    if (value && typeof value === 'object' && !Array.isArray(value) && 'xsd' in value) {
      const { xsd, ...rest } = value as Record<string, unknown>;
      return { ...rest, 'x-xsd': xsd };
    }
    return value;
  }) as Record<string, unknown>;
}

/** The definitions the schema uses, directly or through one another (the generator also emits XSD base types nothing extends). */
function reachable(root: unknown, defs: Record<string, unknown>): Record<string, unknown> {
  const used = new Set<string>();
  const pending = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    for (const match of JSON.stringify(node).matchAll(/"#\/\$defs\/([^"]+)"/g)) {
      const name = match[1] as string;
      if (!used.has(name)) {
        used.add(name);
        pending.push(defs[name]);
      }
    }
  }
  return Object.fromEntries(Object.entries(defs).filter(([name]) => used.has(name)));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const STATUS_TEXT: Record<string, string> = {
  '400': 'The request is malformed (findings say where)',
  '401': 'No credentials, or credentials no participant holds',
  '403': 'The caller may not do this',
  '404': 'Nothing of that name is visible to the caller',
  '409': 'Conflicts with what was already received (idempotency key, message id, acknowledgement)',
  '413': 'The body is over the size limit',
  '415': 'The media type or charset is not one the route takes',
  '422': 'The document was read but is not acceptable (findings say why)',
  '503': 'A service the gateway needs is not available; try again later',
};

const receiptSchema = {
  type: 'object',
  description: 'A receipt: what the receiving side states about exactly the bytes it received',
  required: ['messageId', 'from', 'to', 'status', 'receivedSha256', 'receivedAt', 'findings'],
  properties: {
    messageId: { type: 'string' },
    from: { type: 'string', description: 'Who issues the receipt' },
    to: { type: 'string', description: 'Whom it is for' },
    status: { type: 'string', enum: ['accepted', 'accepted-with-warnings', 'rejected'] },
    receivedSha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) of the bytes exactly as received' },
    receivedAt: { type: 'string', format: 'date-time' },
    findings: { type: 'array', items: findingSchema },
  },
};

const notificationSchema = {
  type: 'object',
  required: ['event', 'exchangeId', 'status', 'at'],
  properties: {
    event: { type: 'string', enum: ['exchange.ended'] },
    exchangeId: { type: 'string' },
    status: { type: 'string', description: "The exchange's final status" },
    at: { type: 'string', format: 'date-time' },
  },
};

const alertNotificationSchema = {
  type: 'object',
  required: ['event', 'alert', 'at'],
  properties: {
    event: { type: 'string', enum: ['analytics.alert'] },
    alert: {
      type: 'object',
      required: ['kind', 'origin', 'commodity', 'period', 'observed', 'expected', 'score'],
      properties: {
        kind: { type: 'string', enum: [...ALERT_KINDS] },
        origin: { type: 'string' },
        commodity: { type: 'string' },
        period: { type: 'string', description: 'ISO week' },
        observed: { type: 'number' },
        expected: { type: 'number' },
        score: { type: 'number' },
      },
    },
    at: { type: 'string', format: 'date-time' },
  },
};

const movementNotificationSchema = {
  type: 'object',
  required: ['event', 'movementId', 'messageId', 'type', 'at', 'links'],
  properties: {
    event: { type: 'string', enum: ['movement.message'] },
    movementId: { type: 'string' },
    messageId: { type: 'string' },
    type: { type: 'string', description: 'IE928, IE028, IE029 … (docs/TRANSIT.md)' },
    at: { type: 'string', format: 'date-time' },
    links: { type: 'object', required: ['movement', 'message'], properties: { movement: { type: 'string' }, message: { type: 'string' } } },
  },
};

const header = (description: string, example?: string) => ({ required: true, description, schema: { type: 'string' }, ...(example ? { example } : {}) });

/** The headers of a signed notification, and what its receiver answers: the same for every notification. */
const signatureHeaders = [
  { in: 'header', name: 'X-Swgate-Timestamp', ...header('Unix time in seconds when the notification was signed', '1796558400') },
  { in: 'header', name: 'X-Swgate-Signature', ...header('`sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` with the webhook secret') },
];
const notificationAnswers = {
  '200': { description: 'Received (any 2xx)' },
  '503': { description: 'Not received: the notification is sent again later (any non-2xx)' },
};

const webhooks = {
  exchangeEnded: {
    post: {
      operationId: 'exchangeEnded',
      tags: ['exchanges'],
      summary: "Sent to the sender's webhook (participant `webhook.url`) when one of its exchanges ends",
      description:
        "Signed with the participant's webhook secret: `X-Swgate-Signature: sha256=<hex>` is HMAC-SHA256 over `<X-Swgate-Timestamp>.<raw body>`. Verify it over the raw bytes with a constant-time comparison and refuse old timestamps (replays); examples in clients/webhooks/. A non-2xx answer is retried with exponential backoff (8 attempts); the same exchange and status is notified at most once.",
      parameters: signatureHeaders,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('ExchangeNotification'),
            example: { event: 'exchange.ended', exchangeId: '01JD3Y8Q6W0000000000000000', status: 'completed', at: '2026-12-01T10:00:00.000Z' },
          },
        },
      },
      responses: notificationAnswers,
    },
  },
  analyticsAlert: {
    post: {
      operationId: 'analyticsAlert',
      tags: ['analytics'],
      summary: "Sent to each customs participant's webhook when the hourly alert scan finds a break not told before (ANALYTICS.md)",
      description:
        'Signed and retried like exchangeEnded; each alert (kind, origin, commodity, week) is told once. The same alerts are listed by GET /v1/analytics/alerts.',
      parameters: signatureHeaders,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('AlertNotification'),
            example: {
              event: 'analytics.alert',
              alert: { kind: 'count-surge', origin: 'VN', commodity: '851712', period: '2026-W21', observed: 88, expected: 21.5, score: 9.4 },
              at: '2026-05-26T12:00:00.000Z',
            },
          },
        },
      },
      responses: notificationAnswers,
    },
  },
  movementMessage: {
    post: {
      operationId: 'movementMessage',
      tags: ['transit'],
      summary: "Sent to a movement owner's webhook for each message customs adds to the movement (docs/TRANSIT.md)",
      description: 'Signed and retried like exchangeEnded; each message is told once. Fetch the message itself at `links.message`.',
      parameters: signatureHeaders,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('MovementNotification'),
            example: {
              event: 'movement.message',
              movementId: '01JD3Y8Q6W0000000000000000',
              messageId: '01JD3Y8Q7A0000000000000000',
              type: 'IE029',
              at: '2026-12-01T10:00:01.000Z',
              links: {
                movement: '/v1/movements/departures/01JD3Y8Q6W0000000000000000',
                message: '/v1/movements/departures/01JD3Y8Q6W0000000000000000/messages/01JD3Y8Q7A0000000000000000',
              },
            },
          },
        },
      },
      responses: notificationAnswers,
    },
  },
  delivery: {
    post: {
      operationId: 'receiveDelivery',
      tags: ['exchanges'],
      summary: 'What a destination endpoint (participant `endpoint`) receives for each delivery, and must answer',
      description: [
        'The document in the form the agreement names (WCO DM XML, WCO JSON, an agency JSON made by a mapping, SPS XML), sealed in a signed envelope when the agreement asks for signing (XML-DSig as application/xml, JWS as application/jose). The same bytes, message id and digest on every retry.',
        '',
        'The answer decides the delivery:',
        "- 200 or 201 with a receipt (JSON `Receipt`, or a compact JWS `typ: swgate-receipt+jws` as application/jose, required when the gateway holds a trust store for the destination) for the SHA-256 of exactly the bytes received: acknowledged (or rejected, by the receipt's status);",
        '- 202 with no receipt (or `{"status":"pending"}`): delivered; the destination acknowledges later with POST /v1/acknowledgements and the message id;',
        '- 4xx other than 408 and 429: refused; problem+json `findings` are kept as the reason;',
        '- 408, 429, 5xx or no answer: retried with backoff, then failed.',
      ].join('\n'),
      parameters: [
        {
          in: 'header',
          name: 'X-Swgate-Message-Id',
          ...header('`<exchangeId>.<destination>`: the key of the delivery, and of its acknowledgement', '01JD3Y8Q6W0000000000000000.customs'),
        },
        { in: 'header', name: 'X-Swgate-Exchange-Id', ...header('The exchange the delivery belongs to', '01JD3Y8Q6W0000000000000000') },
      ],
      requestBody: {
        required: true,
        content: {
          'application/xml': { schema: { type: 'string' } },
          'application/json': { schema: { type: 'object' } },
          'application/jose': { schema: { type: 'string', description: 'compact JWS' } },
        },
      },
      responses: {
        '200': {
          description: 'Received, with its receipt',
          content: {
            'application/json': { schema: ref('Receipt') },
            'application/jose': { schema: { type: 'string', description: 'compact JWS of a Receipt, typ swgate-receipt+jws' } },
          },
        },
        '202': { description: 'Received; the receipt follows through POST /v1/acknowledgements' },
        '422': { description: 'Refused', content: { 'application/problem+json': { schema: ref('Problem') } } },
        '503': { description: 'Not received now: the delivery is retried' },
      },
    },
  },
};

const PARTNER_CONTROL_EXAMPLE = {
  export: { mrn: '26XB00000000000017', exchangeId: '01JD3Y8Q6W0000000000000000' },
  outcome: 'discrepancy',
  findings: [{ code: 'VAL', text: 'invoice value a tenth of the market price' }],
  controlledAt: '2026-12-01T09:30:00Z',
};
const PARTNER_AEO_EXAMPLE = { authorisations: [{ operatorId: 'XB000000000042', status: 'suspended', type: 'AEOS', validFrom: '2025-03-01' }] };

/** Request body examples, by operationId: documents from the README walk-through and the sandbox. */
function requestExamples(): Record<string, Record<string, unknown>> {
  return {
    lodgeDeclaration: { 'application/xml': text('openapi/examples/declaration-import-cites.xml') },
    validateDocument: { 'application/xml': text('openapi/examples/declaration-import-cites.xml') },
    lodgeConsignment: { 'application/json': json('mappings/consignment-to-declaration/examples/parcel-two-items.input.json') },
    lodgeLpco: { 'application/json': lpcoExample },
    recordControlResult: {
      'application/json': { outcome: 'discrepancy', findings: [{ code: 'QTY', text: '40 handsets declared, 400 found' }], revenue: 12500, seized: false },
    },
    putAeoAuthorisation: { 'application/json': { status: 'granted', type: 'AEOF', validFrom: '2026-01-01' } },
    createRiskProfile: { 'application/json': json('openapi/examples/risk-profile.json') },
    lodgeDeparture: { 'application/xml': text('openapi/examples/transit-cc015c-departure.xml') },
    lodgeDepartureMessage: { 'application/xml': text('openapi/examples/transit-cc170c-presentation.xml') },
    lodgeArrival: { 'application/xml': text('openapi/examples/transit-cc007c-arrival.xml') },
    lodgeArrivalMessage: { 'application/xml': text('openapi/examples/transit-cc044c-unloading-remarks.xml') },
    replaceRiskProfile: { 'application/json': json('openapi/examples/risk-profile.json') },
  };
}

interface Operation {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: unknown; example?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

const PROBLEM = JSON.stringify(problemSchema);

/** Every error answer as what it is on the wire: application/problem+json, one shared schema, described by status. */
function problemJson(operation: Operation): void {
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const content = response.content?.['application/json'];
    if (Number(status) < 400 || !content || JSON.stringify(content.schema) !== PROBLEM) continue;
    response.content = {
      'application/problem+json': { schema: ref('Problem') },
      'application/problem+xml': { schema: { type: 'string', description: 'The same problem in XML, for a client whose Accept ranks XML above JSON' } },
    };
    if (response.description === 'Default Response') response.description = STATUS_TEXT[status] ?? 'Problem details';
  }
}

export function completeContract(document: Record<string, unknown>, options: { serverUrl: string }): Record<string, unknown> {
  const examples = requestExamples();
  const paths = document.paths as Record<string, Record<string, Operation>>;
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      problemJson(operation);
      for (const [mediaType, example] of Object.entries(examples[operation.operationId ?? ''] ?? {})) {
        const media = operation.requestBody?.content?.[mediaType];
        if (media) media.example = example;
      }
    }
  }
  const info = document.info as Record<string, unknown>;
  const components = (document.components ?? {}) as Record<string, Record<string, unknown>>;
  return {
    ...document,
    info: { ...info, license: { name: 'Apache License 2.0', identifier: 'Apache-2.0' } },
    servers: [{ url: options.serverUrl, description: 'The sandbox gateway of `npm start`' }],
    security: [{ apiKey: [] }],
    components: {
      ...components,
      schemas: {
        ...components.schemas,
        Problem: problemSchema,
        Receipt: receiptSchema,
        ExchangeNotification: notificationSchema,
        AlertNotification: alertNotificationSchema,
        MovementNotification: movementNotificationSchema,
        WcoDeclaration: component(declarationSchema, 'WcoDeclaration'),
        Consignment: component(json('mappings/consignment-to-declaration/input.schema.json'), 'Consignment'),
        // The payloads of POST /v1/partner-messages, inside the JWS envelope the route's body is.
        PartnerControlResult: { ...partnerControlSchema, description: 'Payload of a `control-result` partner message', example: PARTNER_CONTROL_EXAMPLE },
        PartnerAeoStatus: { ...partnerAeoSchema, description: 'Payload of an `aeo-status` partner message', example: PARTNER_AEO_EXAMPLE },
      },
    },
    webhooks,
  };
}
