import { describe, expect, it } from 'vitest';
import type { Agreement, Participant } from '../../src/config/types.js';
import { loadMappings } from '../../src/mapping/catalogue.js';
import type { ChannelDelivery } from '../../src/pipeline/channel.js';
import { type DeliverDeps, deliver } from '../../src/pipeline/deliver.js';
import { FinalDeliveryError } from '../../src/pipeline/vocabulary.js';
import { deliveriesOf, insertAcceptedExchange, newId } from '../../src/store/exchanges.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';
import { acceptedExchange } from '../support/exchanges.js';

const sent = '<MetaData/>';

describe.each(await databaseKinds())('deliver, an agreement whose transport is another channel (%s)', (kind) => {
  const holder = useExchangeStore(kind);
  const agreement: Agreement = {
    id: 'to-partner',
    description: '',
    when: {},
    destination: 'partner',
    format: 'wco-xml',
    transport: 'as4',
    delivery: { attempts: 2, backoffMs: 0, timeoutMs: 1000, retry: 'automatic', receiptTimeoutMs: 60_000 },
  };
  // No endpoint: an AS4 partner that pulls is reached through its channel only.
  const partner: Participant = {
    id: 'partner',
    kind: 'partner-customs',
    name: 'P',
    apiKeySha256: [],
    certificateFingerprints: [],
    operator: false,
    actsFor: [],
    issues: [],
  };

  async function exchangeFor(): Promise<string> {
    const id = newId();
    await insertAcceptedExchange(
      holder.store,
      acceptedExchange(id, { original: { content: sent }, deliveries: [{ destination: 'partner', agreement_id: 'to-partner' }] }),
    );
    return id;
  }

  async function depsWith(channels: DeliverDeps['channels'], posted: string[]): Promise<DeliverDeps> {
    return {
      store: holder.store,
      now: () => new Date(),
      recordProvenance: async () => [],
      onExchangeEnded: async () => undefined,
      mappings: await loadMappings('mappings'),
      participants: new Map([[partner.id, partner]]),
      agreements: new Map([[agreement.id, agreement]]),
      sandboxUrl: () => '',
      send: async (message) => {
        posted.push(message.url);
        return { status: 202, mediaType: 'application/json', body: '' };
      },
      ...(channels ? { channels } : {}),
      trustStoreOf: () => undefined,
    };
  }

  it('hands the delivery to the channel its transport names, never to the swgate transport, and settles on what the channel answers', async () => {
    const id = await exchangeFor();
    const handed: ChannelDelivery[] = [];
    const posted: string[] = [];
    const deps = await depsWith(
      {
        as4: async (delivery) => {
          handed.push(delivery);
          return {
            kind: 'receipt',
            receipt: {
              messageId: delivery.receipt.messageId,
              from: 'partner',
              to: 'gateway',
              status: 'accepted',
              receivedSha256: delivery.receipt.sentSha256,
              receivedAt: new Date().toISOString(),
              findings: [],
            },
          };
        },
      },
      posted,
    );
    await deliver(deps, { exchangeId: id, destination: 'partner' }, { number: 1, last: 2 });
    expect(posted).toEqual([]);
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatchObject({ exchangeId: id, documentKind: 'declaration', agreement: { id: 'to-partner' }, destination: { id: 'partner' } });
    expect(handed[0]?.message.body.toString()).toBe(sent);
    expect((await deliveriesOf(holder.store, id))[0]).toMatchObject({ status: 'acknowledged', attempts: 1 });
  });

  it('retries what the channel says to retry, the same message id each time', async () => {
    const id = await exchangeFor();
    const ids: string[] = [];
    const deps = await depsWith(
      {
        as4: async (delivery) => {
          ids.push(delivery.receipt.messageId);
          return { kind: 'retry', error: 'EBMS:0004 at the partner' };
        },
      },
      [],
    );
    await expect(deliver(deps, { exchangeId: id, destination: 'partner' }, { number: 1, last: 2 })).rejects.toThrow('EBMS:0004 at the partner');
    expect((await deliveriesOf(holder.store, id))[0]).toMatchObject({ status: 'retrying', last_error: 'EBMS:0004 at the partner' });
    await expect(deliver(deps, { exchangeId: id, destination: 'partner' }, { number: 2, last: 2 })).rejects.toThrow(FinalDeliveryError);
    expect((await deliveriesOf(holder.store, id))[0]).toMatchObject({ status: 'failed', attempts: 2 });
    expect(new Set(ids).size).toBe(1);
  });

  it('fails the delivery, without sending anything, when the gateway has no channel for the transport', async () => {
    const id = await exchangeFor();
    const posted: string[] = [];
    const deps = await depsWith({ 'ephyto-hub': async () => ({ kind: 'awaiting-acknowledgement' }) }, posted);
    await expect(deliver(deps, { exchangeId: id, destination: 'partner' }, { number: 1, last: 2 })).rejects.toThrow(FinalDeliveryError);
    expect(posted).toEqual([]);
    expect((await deliveriesOf(holder.store, id))[0]).toMatchObject({ status: 'failed', last_error: 'This gateway has no as4 channel.' });
  });

  it('still fails a swgate-transport delivery to a destination without an endpoint', async () => {
    const id = newId();
    await insertAcceptedExchange(
      holder.store,
      acceptedExchange(id, { original: { content: sent }, deliveries: [{ destination: 'partner', agreement_id: 'to-partner' }] }),
    );
    const deps = { ...(await depsWith({}, [])), agreements: new Map([[agreement.id, { ...agreement, transport: 'swgate' as const }]]) };
    await expect(deliver(deps, { exchangeId: id, destination: 'partner' }, { number: 1, last: 2 })).rejects.toThrow(FinalDeliveryError);
    expect((await deliveriesOf(holder.store, id))[0]).toMatchObject({
      status: 'failed',
      last_error: 'The destination or its agreement is no longer configured.',
    });
  });
});
