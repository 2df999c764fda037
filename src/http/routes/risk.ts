import type { FastifyInstance } from 'fastify';
import { LINK_FINDING_CODES, linkFindingsOfExchange } from '../../ecommerce/links.js';
import { finding, RejectionError } from '../../findings.js';
import { LANES } from '../../risk/vocabulary.js';
import type { Store } from '../../store/exchanges.js';
import { seeDecision } from '../../store/visibility.js';
import { bearerSecurity, problems } from '../schemas.js';

const laneSchema = { type: 'string', enum: [...LANES] } as const;

const decisionSchema = {
  type: 'object',
  required: ['lane', 'hits', 'score', 'model'],
  properties: {
    lane: { ...laneSchema, description: "The declaration's lane: the most severe of its goods items'" },
    hits: {
      type: 'array',
      description: "Customs: every owner's hits; a PGA: its own",
      items: {
        type: 'object',
        required: ['profile', 'owner', 'lane', 'instruction'],
        properties: { profile: { type: 'string' }, owner: { type: 'string' }, lane: laneSchema, instruction: { type: ['string', 'null'] } },
      },
    },
    score: {
      type: ['number', 'null'],
      minimum: 0,
      maximum: 1,
      description: "The model's score of the riskiest goods item (customs only; null for a PGA or without a model)",
    },
    model: { type: ['string', 'null'], description: 'The model version that scored it (customs only)' },
    links: {
      type: 'array',
      description:
        "Customs only, for a consignment: the findings of its parcel's link as they stand now (the platform's order and payment against the carrier's shipping data, GET /v1/ecommerce/links/{trackingNumber})",
      items: {
        type: 'object',
        required: ['code', 'text'],
        properties: { code: { type: 'string', enum: [...LINK_FINDING_CODES] }, text: { type: 'string' } },
      },
    },
  },
  examples: [
    {
      lane: 'red',
      hits: [
        { profile: 'phones-undervalued', owner: 'customs', lane: 'red', instruction: 'weigh and count; compare with the invoice' },
        { profile: 'plants-from-xa', owner: 'pga-plant', lane: 'yellow', instruction: 'check the phytosanitary certificate' },
      ],
      score: 0.93,
      model: 'xgb-2026-11',
      links: [{ code: 'value-gap', text: 'Paid 149.00 USD on the platform; 20.00 USD declared for shipping.' }],
    },
  ],
} as const;

/** `GET /v1/exchanges/{id}/risk`: the targeting decision, as store/visibility.ts seeDecision lets the caller see it. */
export function riskRoutes(app: FastifyInstance, deps: { store: Store }): void {
  app.get<{ Params: { id: string } }>(
    '/v1/exchanges/:id/risk',
    {
      schema: {
        operationId: 'getExchangeRisk',
        tags: ['exchanges'],
        summary:
          "The targeting decision on a declaration: for customs every hit, the score, the model version and a consignment's link findings; for a PGA the exchange is routed to, the lane and its own hits. Anyone else: 403 (the sender sees the lane as `control` on the exchange), or 404 when the exchange is not visible to it",
        security: bearerSecurity,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' } } },
        response: { 200: decisionSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { exchange, forbidden, decision } = await seeDecision(deps.store, id, request.participant);
      if (!exchange) throw new RejectionError(404, 'Not found', [finding('exchange.not-found', `No exchange ${id} is visible to you.`)]);
      if (forbidden)
        throw new RejectionError(403, 'Not an agency of this exchange', [
          finding('risk.forbidden', 'Targeting decisions are read by customs and by the agencies an exchange is routed to; its lane is on the exchange.'),
        ]);
      if (!decision)
        throw new RejectionError(404, 'Not found', [
          finding('risk.no-decision', `Exchange ${id} was not targeted (it is not a declaration or a consignment).`),
        ]);
      if (request.participant.kind !== 'customs') return decision;
      const links = await linkFindingsOfExchange(deps.store, id);
      return links ? { ...decision, links } : decision;
    },
  );
}
