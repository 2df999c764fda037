import { describe, expect, it } from 'vitest';
import type { Participant } from '../../src/config/types.js';
import { RejectionError } from '../../src/findings.js';
import type { IngestRequest, IngestResult } from '../../src/pipeline/ingest.js';
import { lodgeTransit, notificationOf, type TakenMessage, type TransitDeps } from '../../src/pipeline/transit.js';
import { apiKeyParticipant } from '../support/participants.js';
import { fillTemplate, PACK_MESSAGES } from '../transit/test-pack.js';

const template = (scenario: string, ie: string) => PACK_MESSAGES.find((m) => m.scenario === scenario && m.ie === ie)!.template;

/** Lodging as far as ingest's reader: what the step would write, or the refusal the reader throws. */
function reading(sandbox: boolean) {
  const requests: IngestRequest[] = [];
  const taken: TakenMessage[] = [];
  const deps: TransitDeps = {
    sandbox,
    async ingest(req) {
      requests.push(req);
      const read = await req.read();
      const step = read.movement!;
      const movementId = step.step === 'start' ? step.movement.id : step.movementId;
      return {
        exchangeId: 'X',
        status: 'routed',
        receivedAt: '',
        contentSha256: '',
        replayed: false,
        findings: [],
        extra: { movementId, messageId: step.messageId },
      } as IngestResult;
    },
    messageOfExchange: async () => undefined,
    movementOf: async () => ({ owner: 'trader-a', kind: 'departure' }),
    onTaken: (t) => taken.push(t),
  };
  return { deps, requests, taken };
}

const trader: Participant = { ...apiKeyParticipant('trader-a', false), kind: 'trader', actsFor: [{ id: 'GB000000000001', as: 'declarant' }] };
const partner: Participant = { ...apiKeyParticipant('partner-xb', false), kind: 'partner-customs', country: 'XB' };

async function refusal(promise: Promise<unknown>): Promise<RejectionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RejectionError);
  return error as RejectionError;
}

describe('a transit message lodged', () => {
  it('is an exchange of kind transit whose reader starts a movement, and its owner is told after the commit', async () => {
    const { deps, requests, taken } = reading(true);
    const accepted = await lodgeTransit(deps, {
      sender: trader,
      body: Buffer.from(fillTemplate(template('dngb12', 'ie015'))),
      kind: 'departure',
      scenario: 'hold',
    });
    expect(requests[0]).toMatchObject({ documentKind: 'transit', mediaType: 'application/xml' });
    expect(taken).toEqual([
      expect.objectContaining({ movementId: accepted.movementId, type: 'IE015', direction: 'from-trader', owner: 'trader-a', scenario: 'hold' }),
    ]);
  });

  it('outside the sandbox, only for a holder the sender acts for (403, pointing at the holder)', async () => {
    const { deps } = reading(false);
    const error = await refusal(lodgeTransit(deps, { sender: trader, body: Buffer.from(fillTemplate(template('dngb12', 'ie015'))), kind: 'departure' }));
    expect([error.status, (error.findings[0] as { errorPointer?: string }).errorPointer]).toEqual([
      403,
      '/CC015C/HolderOfTheTransitProcedure/identificationNumber',
    ]);
  });

  it('outside the sandbox, an amendment is lodged only for a holder the sender acts for, however the declaration named it (403)', async () => {
    const { deps, requests } = reading(false);
    const declaration = fillTemplate(template('dngb12', 'ie015'));
    const holder = /<HolderOfTheTransitProcedure>\s*<identificationNumber>([^<]+)</.exec(declaration)![1]!;
    const amendment = (holderId: string) =>
      Buffer.from(
        declaration
          .replaceAll('CC015C', 'CC013C')
          .replace('</bindingItinerary>', '</bindingItinerary><amendmentTypeFlag>0</amendmentTypeFlag>')
          .replace(`<identificationNumber>${holder}</identificationNumber>`, `<identificationNumber>${holderId}</identificationNumber>`),
      );
    const error = await refusal(lodgeTransit(deps, { sender: trader, body: amendment('GB953574106000'), kind: 'departure', movementId: 'M' }));
    expect([error.status, (error.findings[0] as { errorPointer?: string }).errorPointer]).toEqual([
      403,
      '/CC013C/HolderOfTheTransitProcedure/identificationNumber',
    ]);
    expect(requests).toHaveLength(1);
    await lodgeTransit(deps, { sender: trader, body: amendment('GB000000000001'), kind: 'departure', movementId: 'M' });
    expect((await requests.at(-1)!.read()).movement).toMatchObject({ step: 'message', type: 'IE013', movementId: 'M' });
  });

  it('a partner administration relays arrivals only, as messages between offices of the departure its MRN names', async () => {
    const { deps, requests } = reading(true);
    const departure = await refusal(lodgeTransit(deps, { sender: partner, body: Buffer.from(fillTemplate(template('dngb12', 'ie015'))), kind: 'departure' }));
    expect(departure.status).toBe(403);
    await lodgeTransit(deps, { sender: partner, body: Buffer.from(fillTemplate(template('angb2', 'ie007'), { mrn: '26GB000246ABCDEFJ1' })), kind: 'arrival' });
    const step = (await requests.at(-1)!.read()).movement;
    expect(step).toMatchObject({ step: 'message', type: 'IE006', direction: 'from-office', ofPartner: { participant: 'partner-xb' } });
  });

  it("tells the owner's webhook of customs' messages only, with where to fetch them", () => {
    const base = { movementId: 'M', messageId: 'G', exchangeId: 'X', owner: 'o', sender: 'customs', kind: 'arrival' as const };
    expect(notificationOf({ ...base, type: 'IE025', direction: 'to-trader' }, new Date(0))).toEqual({
      event: 'movement.message',
      movementId: 'M',
      messageId: 'G',
      type: 'IE025',
      at: '1970-01-01T00:00:00.000Z',
      links: { movement: '/v1/movements/arrivals/M', message: '/v1/movements/arrivals/M/messages/G' },
    });
    expect(notificationOf({ ...base, type: 'IE007', direction: 'from-trader' }, new Date(0))).toBeUndefined();
    expect(notificationOf({ ...base, type: 'IE006', direction: 'from-office' }, new Date(0))).toBeUndefined();
  });
});
