/**
 * The README walk-through as a Postman collection (v2.1), made from the sandbox's own example
 * documents so it never drifts from them: `npm run postman` writes it,
 * test/clients/postman/collection.test.ts runs it against a sandbox gateway.
 */
import { readFileSync } from 'node:fs';

export const COLLECTION_FILE = 'clients/postman/swgate-sandbox.postman_collection.json';

interface Step {
  name: string;
  method: 'GET' | 'POST';
  /** After {{baseUrl}}; may use {{exchangeId}}. */
  path: string;
  key: string;
  /** The status the walk-through expects. */
  status: number;
  body?: { mediaType: string; file: string };
  /** The step's answer names the exchange later steps use. */
  setsExchangeId?: boolean;
}

const STEPS: Step[] = [
  { name: 'Who am I', method: 'GET', path: '/v1/participants/me', key: 'sandbox-trader-demo', status: 200 },
  { name: 'What may I send', method: 'GET', path: '/v1/agreements', key: 'sandbox-trader-demo', status: 200 },
  {
    name: 'Lodge an import declaration citing a CITES permit',
    method: 'POST',
    path: '/v1/declarations',
    key: 'sandbox-trader-demo',
    status: 202,
    body: { mediaType: 'application/xml', file: 'openapi/examples/declaration-import-cites.xml' },
    setsExchangeId: true,
  },
  { name: 'Follow the exchange', method: 'GET', path: '/v1/exchanges/{{exchangeId}}', key: 'sandbox-trader-demo', status: 200 },
  { name: 'My exchanges since a date', method: 'GET', path: '/v1/exchanges?since=2026-01-01T00:00:00Z', key: 'sandbox-trader-demo', status: 200 },
  {
    name: 'What the wildlife agency received',
    method: 'GET',
    path: '/v1/sandbox/destinations/pga-wildlife/received',
    key: 'sandbox-pga-wildlife',
    status: 200,
  },
  {
    name: 'The document the wildlife agency was sent',
    method: 'GET',
    path: '/v1/exchanges/{{exchangeId}}/documents/to-pga-wildlife',
    key: 'sandbox-trader-demo',
    status: 200,
  },
  { name: 'The exchange as the wildlife agency sees it', method: 'GET', path: '/v1/exchanges/{{exchangeId}}', key: 'sandbox-pga-wildlife', status: 200 },
  { name: 'The provenance receipt', method: 'GET', path: '/v1/exchanges/{{exchangeId}}/provenance', key: 'sandbox-trader-demo', status: 200 },
  { name: 'The log key', method: 'GET', path: '/v1/log/public-key', key: 'sandbox-trader-demo', status: 200 },
  {
    name: 'Validate without sending',
    method: 'POST',
    path: '/v1/validate',
    key: 'sandbox-trader-demo',
    status: 200,
    body: { mediaType: 'application/xml', file: 'openapi/examples/declaration-import-cites.xml' },
  },
  {
    name: 'Lodge e-commerce advance data',
    method: 'POST',
    path: '/v1/consignments',
    key: 'sandbox-platform-demo',
    status: 202,
    body: { mediaType: 'application/json', file: 'mappings/consignment-to-declaration/examples/parcel-two-items.input.json' },
  },
  {
    name: 'Register a phytosanitary certificate',
    method: 'POST',
    path: '/v1/lpcos',
    key: 'sandbox-pga-plant',
    status: 202,
    body: { mediaType: 'application/json', file: 'src/sandbox/examples/lpco-phyto.json' },
  },
];

function item(step: Step) {
  const [path = '', query] = step.path.split('?');
  const tests = [`pm.test('answers ${step.status}', () => pm.response.to.have.status(${step.status}));`];
  if (step.setsExchangeId) tests.push("pm.collectionVariables.set('exchangeId', pm.response.json().exchangeId);");
  return {
    name: step.name,
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: tests } }],
    request: {
      method: step.method,
      auth: { type: 'bearer', bearer: [{ key: 'token', value: step.key, type: 'string' }] },
      header: step.body ? [{ key: 'Content-Type', value: step.body.mediaType }] : [],
      ...(step.body
        ? {
            body: {
              mode: 'raw',
              raw: readFileSync(step.body.file, 'utf8'),
              options: { raw: { language: step.body.mediaType.endsWith('xml') ? 'xml' : 'json' } },
            },
          }
        : {}),
      url: {
        raw: `{{baseUrl}}${step.path}`,
        host: ['{{baseUrl}}'],
        path: path.split('/').filter(Boolean),
        ...(query ? { query: query.split('&').map((pair) => ({ key: pair.split('=')[0], value: pair.split('=').slice(1).join('=') })) } : {}),
      },
    },
  };
}

export function collection() {
  return {
    info: {
      name: 'swgate sandbox walk-through',
      description:
        'The README walk-through against the sandbox of `npm start`. Run it in order (Collection Runner, with a delay of about 1 s between requests, so the deliveries are made before they are read). Sandbox keys are public by design.',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    variable: [
      { key: 'baseUrl', value: 'http://127.0.0.1:8080' },
      { key: 'exchangeId', value: '' },
    ],
    item: STEPS.map(item),
  };
}

export const renderCollection = () => `${JSON.stringify(collection(), null, 2)}\n`;
