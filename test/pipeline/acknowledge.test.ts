import { beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/hashing.js';
import { type AcknowledgeDeps, acknowledge, type Acknowledgement } from '../../src/pipeline/acknowledge.js';
import { buildRecord, type ProvenanceRecord } from '../../src/provenance/record.js';
import { deliveriesOf, eventsOf, findExchange, newId } from '../../src/store/exchanges.js';
import { ensureSandboxPki, sandboxPaths } from '../../src/trust/pki/sandbox-ca.js';
import { type Receipt, signReceipt } from '../../src/trust/receipt.js';
import { loadSigningKey } from '../../src/trust/pki/signing-key.js';
import { sandboxTrustStore } from '../../src/trust/pki/trust-config.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';
import { type DeliverySpec, storeRoutedExchange } from '../support/exchanges.js';
import { TEST_PKI_DIR } from '../support/gateway.js';
import { apiKeyParticipant } from '../support/participants.js';
import { rejected } from '../support/rejections.js';

/** agency-a and agency-b give plain receipts; customs has a trust store and must sign its own. */
const agencyA = apiKeyParticipant('agency-a', false);
const agencyB = apiKeyParticipant('agency-b', false);
const customs = apiKeyParticipant('customs', false);
const pki = await ensureSandboxPki(TEST_PKI_DIR, ['customs', 'pga-food']);
const customsTrustStore = sandboxTrustStore(sandboxPaths(TEST_PKI_DIR, ['customs']), 'customs');
const keyOf = (participant: string) => loadSigningKey(pki.entities[participant]!.ecdsa);

describe.each(await databaseKinds())('acknowledge, a destination receipt after the delivery (%s)', (kind) => {
  const holder = useExchangeStore(kind);
  let recorded: ProvenanceRecord[];
  let ended: string[];
  beforeEach(() => {
    recorded = [];
    ended = [];
  });
  const deps = (): AcknowledgeDeps => ({
    store: holder.store,
    now: () => new Date('2026-12-06T10:00:00Z'),
    // Built as the provenance log builds them, so a record it would refuse fails here too.
    recordProvenance: async (_transaction, records) => {
      recorded.push(...records.map(buildRecord));
      return [];
    },
    onExchangeEnded: async (exchangeId) => void ended.push(exchangeId),
    trustStoreOf: (participantId) => (participantId === 'customs' ? customsTrustStore : undefined),
  });
  const routed = (...deliveries: DeliverySpec[]) => storeRoutedExchange(holder.store, deliveries);
  const plain = (sha256: string, status: Receipt['status'] = 'accepted'): Acknowledgement['receipt'] => ({ status, receivedSha256: sha256 });
  const deliveryTo = async (id: string, destination: string) => (await deliveriesOf(holder.store, id)).find((d) => d.destination === destination);

  it("settles the delivery, logs the acknowledgement as the destination's act on exactly the bytes sent, and ends the exchange", async () => {
    const { id, originalSha256 } = await routed({ destination: 'agency-a', status: 'delivered' });
    expect(await acknowledge(deps(), agencyA, { messageId: `${id}.agency-a`, receipt: plain(originalSha256) })).toEqual({
      exchangeId: id,
      deliveryStatus: 'acknowledged',
      repeated: false,
    });

    expect(await deliveryTo(id, 'agency-a')).toMatchObject({ status: 'acknowledged', last_error: null });
    expect(JSON.parse((await deliveryTo(id, 'agency-a'))!.receipt!)).toMatchObject({
      messageId: `${id}.agency-a`,
      from: 'agency-a',
      status: 'accepted',
      receivedSha256: originalSha256,
    });
    expect((await findExchange(holder.store, id))?.status).toBe('delivered');
    expect(recorded).toMatchObject([{ exchangeId: id, event: 'acknowledged', agent: { participant: 'agency-a' }, entity: { contentSha256: originalSha256 } }]);
    expect(ended).toEqual([id]);
  });

  it('settles a rejection receipt as rejected, and the exchange with it', async () => {
    const { id, originalSha256 } = await routed({ destination: 'agency-a', status: 'delivered' });
    expect(await acknowledge(deps(), agencyA, { messageId: `${id}.agency-a`, receipt: plain(originalSha256, 'rejected') })).toMatchObject({
      deliveryStatus: 'rejected',
      repeated: false,
    });
    expect((await findExchange(holder.store, id))?.status).toBe('rejected');
  });

  it('leaves the exchange routed, and its end untold, while another delivery is still out', async () => {
    const { id, originalSha256 } = await routed({ destination: 'agency-a', status: 'delivered' }, { destination: 'agency-b', status: 'retrying' });
    await acknowledge(deps(), agencyA, { messageId: `${id}.agency-a`, receipt: plain(originalSha256) });
    expect((await findExchange(holder.store, id))?.status).toBe('routed');
    expect(await deliveryTo(id, 'agency-b')).toMatchObject({ status: 'retrying' });
    expect(ended).toEqual([]);
  });

  it('answers the same acknowledgement again as repeated, and writes nothing the second time', async () => {
    const { id, originalSha256 } = await routed({ destination: 'agency-a', status: 'delivered' });
    const ack = { messageId: `${id}.agency-a`, receipt: plain(originalSha256) };
    await acknowledge(deps(), agencyA, ack);
    const events = (await eventsOf(holder.store, id)).length;
    expect(await acknowledge(deps(), agencyA, ack)).toEqual({ exchangeId: id, deliveryStatus: 'acknowledged', repeated: true });
    expect((await eventsOf(holder.store, id)).length).toBe(events);
    expect(recorded).toHaveLength(1);
    expect(ended).toEqual([id]);
  });

  it('settles two copies of one acknowledgement arriving together once: the other is answered as repeated', async () => {
    const { id, originalSha256 } = await routed({ destination: 'agency-a', status: 'delivered' });
    const ack = { messageId: `${id}.agency-a`, receipt: plain(originalSha256) };
    const results = await Promise.all([acknowledge(deps(), agencyA, ack), acknowledge(deps(), agencyA, ack)]);
    expect(results.map((r) => r.repeated).sort()).toEqual([false, true]);
    expect(recorded).toHaveLength(1);
    expect(ended).toEqual([id]);
  });

  it('refuses to change a receipt once given, whether it came with the delivery or by acknowledgement (409)', async () => {
    const given = await routed({ destination: 'agency-a', status: 'delivered' });
    await acknowledge(deps(), agencyA, { messageId: `${given.id}.agency-a`, receipt: plain(given.originalSha256) });
    const change = await rejected(acknowledge(deps(), agencyA, { messageId: `${given.id}.agency-a`, receipt: plain(given.originalSha256, 'rejected') }));
    expect(change).toMatchObject({ status: 409, findings: [{ code: 'acknowledgement.conflict' }] });
    expect(await deliveryTo(given.id, 'agency-a')).toMatchObject({ status: 'acknowledged' });

    // Rejected synchronously, in the destination's answer to the delivery itself.
    const synchronous = await routed({ destination: 'agency-a', status: 'rejected', receipt: JSON.stringify({ status: 'rejected' }) });
    expect(await rejected(acknowledge(deps(), agencyA, { messageId: `${synchronous.id}.agency-a`, receipt: plain(synchronous.originalSha256) }))).toMatchObject(
      { status: 409, findings: [{ code: 'acknowledgement.conflict' }] },
    );
    expect(
      await acknowledge(deps(), agencyA, { messageId: `${synchronous.id}.agency-a`, receipt: plain(synchronous.originalSha256, 'rejected') }),
    ).toMatchObject({ deliveryStatus: 'rejected', repeated: true });
    expect(recorded).toHaveLength(1);
  });

  it('refuses a late acknowledgement of a delivery that has failed meanwhile, until an operator retries it (409)', async () => {
    const { id, originalSha256 } = await routed({ destination: 'agency-a', status: 'failed' }, { destination: 'agency-b', status: 'acknowledged' });
    const late = await rejected(acknowledge(deps(), agencyA, { messageId: `${id}.agency-a`, receipt: plain(originalSha256) }));
    expect(late).toMatchObject({ status: 409, findings: [{ code: 'acknowledgement.failed-delivery' }] });
    expect(await deliveryTo(id, 'agency-a')).toMatchObject({ status: 'failed' });
    expect(recorded).toEqual([]);
  });

  it("refuses to let a participant acknowledge another's delivery, however the message id is written (403)", async () => {
    const { id, originalSha256 } = await routed({ destination: 'agency-a', status: 'delivered' }, { destination: 'agency-b', status: 'delivered' });
    for (const messageId of [`${id}.agency-a`, id, `${id}.`, '.agency-b', `${id}.agency-a.`, `${id}.AGENCY-B`, '']) {
      const refusal = await rejected(acknowledge(deps(), agencyB, { messageId, receipt: plain(originalSha256) }));
      expect(refusal, messageId).toMatchObject({ status: 403, findings: [{ code: 'acknowledgement.not-yours', path: '/messageId' }] });
    }
    expect((await deliveriesOf(holder.store, id)).map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expect(recorded).toEqual([]);
  });

  it('answers 404 for a message id no delivery has: an unknown exchange, or no delivery to this destination', async () => {
    const { id, originalSha256 } = await routed({ destination: 'agency-a', status: 'delivered' });
    for (const messageId of [`${newId()}.agency-b`, `${id}.agency-b`, `${id}.agency-a.agency-b`, `x'; --.agency-b`]) {
      const refusal = await rejected(acknowledge(deps(), agencyB, { messageId, receipt: plain(originalSha256) }));
      expect(refusal, messageId).toMatchObject({ status: 404, findings: [{ code: 'acknowledgement.unknown-message' }] });
    }
  });

  it('refuses a receipt for other bytes than were sent (422), and leaves the delivery as it was', async () => {
    const { id } = await routed({ destination: 'agency-a', status: 'delivered', sentSha256: sha256Hex('<Copy for="agency-a"/>') });
    for (const receipt of [
      plain(sha256Hex('<Declaration/>')),
      { status: 'accepted', receivedSha256: '' },
      { status: 'maybe', receivedSha256: sha256Hex('<Copy for="agency-a"/>') },
    ] as Acknowledgement['receipt'][]) {
      const refusal = await rejected(acknowledge(deps(), agencyA, { messageId: `${id}.agency-a`, receipt }));
      expect(refusal).toMatchObject({ status: 422, findings: [{ code: 'acknowledgement.receipt', path: '/receipt' }] });
    }
    expect(await deliveryTo(id, 'agency-a')).toMatchObject({ status: 'delivered', receipt: null });
  });

  it('refuses an acknowledgement of a delivery that was never sent, whatever digest it names (409)', async () => {
    const { id } = await routed(
      { destination: 'agency-a', status: 'queued', sentSha256: null },
      { destination: 'customs', status: 'queued', sentSha256: null },
    );
    const refusal = await rejected(acknowledge(deps(), agencyA, { messageId: `${id}.agency-a`, receipt: plain('') }));
    expect(refusal).toMatchObject({ status: 409, findings: [{ code: 'acknowledgement.not-sent' }] });
    const signed = await signReceipt(
      { messageId: `${id}.customs`, from: 'customs', to: 'gateway', status: 'accepted', receivedSha256: '', receivedAt: '2026-12-06T10:00:00Z', findings: [] },
      keyOf('customs'),
    );
    expect(await rejected(acknowledge(deps(), customs, { messageId: `${id}.customs`, receipt: signed }))).toMatchObject({
      status: 409,
      findings: [{ code: 'acknowledgement.not-sent' }],
    });
    expect((await deliveriesOf(holder.store, id)).map((d) => d.status)).toEqual(['queued', 'queued']);
  });

  describe('from a destination with a trust store', () => {
    const signedBy = (signer: string, messageId: string, receivedSha256: string) =>
      signReceipt(
        { messageId, from: 'customs', to: 'gateway', status: 'accepted', receivedSha256, receivedAt: '2026-12-06T09:59:00Z', findings: [] },
        keyOf(signer),
      );

    it('takes the receipt it signed, and keeps it as signed', async () => {
      const { id, originalSha256 } = await routed({ destination: 'customs', status: 'delivered' });
      expect(
        await acknowledge(deps(), customs, { messageId: `${id}.customs`, receipt: await signedBy('customs', `${id}.customs`, originalSha256) }),
      ).toMatchObject({ deliveryStatus: 'acknowledged', repeated: false });
      expect(JSON.parse((await deliveryTo(id, 'customs'))!.receipt!)).toEqual({
        messageId: `${id}.customs`,
        from: 'customs',
        to: 'gateway',
        status: 'accepted',
        receivedSha256: originalSha256,
        receivedAt: '2026-12-06T09:59:00Z',
        findings: [],
      });
    });

    it('refuses an unsigned receipt, one signed by another, one for other bytes or another message, and one altered after signing (422)', async () => {
      const { id, originalSha256 } = await routed({ destination: 'customs', status: 'delivered' });
      const other = await routed({ destination: 'customs', status: 'delivered' });
      const [header, payload, signature] = (await signedBy('customs', `${id}.customs`, originalSha256)).split('.') as [string, string, string];
      const altered = `${header}.${payload}.${signature.slice(0, -4)}${signature.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
      const receipts = [
        plain(originalSha256),
        await signedBy('pga-food', `${id}.customs`, originalSha256),
        await signedBy('customs', `${id}.customs`, sha256Hex('other')),
        await signedBy('customs', `${other.id}.customs`, originalSha256),
        altered,
      ];
      for (const receipt of receipts) {
        const refusal = await rejected(acknowledge(deps(), customs, { messageId: `${id}.customs`, receipt }));
        expect(refusal).toMatchObject({ status: 422, findings: [{ code: 'acknowledgement.receipt' }] });
      }
      expect(await deliveryTo(id, 'customs')).toMatchObject({ status: 'delivered', receipt: null });
      expect(recorded).toEqual([]);
    });
  });
});
