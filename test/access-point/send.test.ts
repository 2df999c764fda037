/**
 * The AS4 channel's outbound request: what it tells a real partner's access point, and what only
 * the sandbox's own simulated partner may see.
 */
import { describe, expect, it } from 'vitest';
import { as4Channel } from '../../src/access-point/send.js';
import type { As4Parties } from '../../src/access-point/parties.js';
import type { Participant } from '../../src/config/types.js';
import type { ChannelDelivery } from '../../src/pipeline/channel.js';
import type { OutboundMessage } from '../../src/routing/transport.js';
import { SANDBOX_DELIVERY_HEADER } from '../../src/sandbox/destinations.js';
import { certificate, testKey } from '../as4/support.js';

const self = { partyId: 'gw', role: 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator', messageIdDomain: 'gw.example' };

function channelSeeing(posted: OutboundMessage[]) {
  const parties = { self, currentCertificate: () => certificate('red_gw'), certificatesAt: () => [certificate('red_gw')] } as unknown as As4Parties;
  return as4Channel({
    parties,
    key: testKey('blue_gw'),
    db: undefined as never,
    post: async (message) => {
      posted.push(message);
      return { status: 503, mediaType: 'text/plain', body: 'busy' };
    },
    sandboxUrl: (id) => `http://127.0.0.1:1/sandbox/destinations/${id}/as4`,
    now: () => new Date(),
  });
}

const delivery = (as4Endpoint: string | undefined): ChannelDelivery =>
  ({
    message: {
      url: 'http://127.0.0.1:1/sandbox/destinations/red/deliveries',
      body: '<a/>',
      mediaType: 'application/xml',
      headers: { 'x-swgate-exchange-id': 'ex1', [SANDBOX_DELIVERY_HEADER]: 'sandbox-secret', 'x-sandbox-scenario': 'reject' },
      timeoutMs: 1000,
    },
    receipt: { messageId: 'm1' },
    exchangeId: 'ex1',
    documentKind: 'declaration',
    agreement: {
      id: 'to-red',
      as4: { service: 's', action: 'a', mpc: 'urn:mpc', mode: 'push', security: 'sign-encrypt', compression: true, receipt: 'response' },
    },
    destination: {
      id: 'red',
      endpoint: 'sandbox',
      as4: { partyId: 'red', role: 'r', certificates: [], ...(as4Endpoint ? { endpoint: as4Endpoint } : {}) },
    } as unknown as Participant,
  }) as unknown as ChannelDelivery;

describe('the AS4 channel', () => {
  it("never sends the sandbox's secret or scenario to a partner's own as4.endpoint; the sandbox's simulated partner gets them", async () => {
    const posted: OutboundMessage[] = [];
    const send = channelSeeing(posted);
    await send(delivery('https://attacker.example/as4'));
    await send(delivery(undefined));
    expect(posted.map((m) => m.url)).toEqual(['https://attacker.example/as4', 'http://127.0.0.1:1/sandbox/destinations/red/as4']);
    expect(posted[0]?.headers).toEqual({ 'x-swgate-exchange-id': 'ex1' });
    expect(posted[1]?.headers).toMatchObject({ [SANDBOX_DELIVERY_HEADER]: 'sandbox-secret', 'x-sandbox-scenario': 'reject' });
  });
});
