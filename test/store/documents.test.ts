import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/hashing.js';
import { findDelivery, findDocument, findFirstDocument, insertAcceptedExchange, insertOutgoingDocument, type Store } from '../../src/store/exchanges.js';
import { databaseKinds, useExchangeStore } from '../support/databases.js';
import { acceptedExchange } from '../support/exchanges.js';

const at = '2026-11-29T00:00:00.000Z';
const original = '<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">Ünïcode ✓ 🌱</Declaration>';
// Header text may be any Unicode: the offset where the payload goes back is counted in bytes.
const head = '<swg:Envelope><swg:Header><swg:DocumentKind>déclaration ✓</swg:DocumentKind></swg:Header><swg:Payload encoding="base64">';
const tail = '</swg:Payload><ds:Signature>…</ds:Signature></swg:Envelope>';
const envelope = head + Buffer.from(original).toString('base64') + tail;

/** A routed declaration holding `content` as its original, its delivery to customs queued. */
const storeDeclaration = (store: Store, id: string, content = original) =>
  insertAcceptedExchange(store, acceptedExchange(id, { at, original: { content }, deliveries: [{ destination: 'customs' }] }));

const outgoing = (exchangeId: string) => ({
  exchange_id: exchangeId,
  name: 'to-customs',
  media_type: 'application/xml',
  sha256: sha256Hex(envelope),
  created_at: at,
  content: head + tail,
  payload: { document: 'original', offset: Buffer.byteLength(head) },
});
const attempt = { destination: 'customs', status: 'in-flight' as const, attempts: 1, sentSha256: sha256Hex(envelope), at };

describe.each(await databaseKinds())('documents (%s)', (kind) => {
  const suite = useExchangeStore(kind);

  it('an envelope of the original is stored without it and read back byte for byte, with its attempt recorded in the same write', async () => {
    await storeDeclaration(suite.store, 'd1');
    expect(await insertOutgoingDocument(suite.store, outgoing('d1'), attempt)).toBe(true);
    const row = await suite.store.db
      .selectFrom('documents')
      .selectAll()
      .where('exchange_id', '=', 'd1')
      .where('name', '=', 'to-customs')
      .executeTakeFirstOrThrow();
    expect(row.content).toBe(head + tail);
    expect(row).toMatchObject({ payload_document: 'original', payload_offset: Buffer.byteLength(head) });
    const document = await findDocument(suite.store, 'd1', 'to-customs');
    expect(document?.content.toString()).toBe(envelope);
    expect(document).not.toHaveProperty('payload_document');
    expect(await findDelivery(suite.store, 'd1', 'customs')).toMatchObject({ status: 'in-flight', attempts: 1, sent_sha256: sha256Hex(envelope) });
  });

  it('a second store of the same document writes nothing, not even its attempt', async () => {
    await storeDeclaration(suite.store, 'd2');
    expect(await insertOutgoingDocument(suite.store, outgoing('d2'), attempt)).toBe(true);
    expect(
      await insertOutgoingDocument(
        suite.store,
        { ...outgoing('d2'), content: 'other', payload: { document: 'original', offset: 0 } },
        { ...attempt, attempts: 2 },
      ),
    ).toBe(false);
    expect((await findDocument(suite.store, 'd2', 'to-customs'))?.content.toString()).toBe(envelope);
    expect((await findDelivery(suite.store, 'd2', 'customs'))?.attempts).toBe(1);
  });

  it('an envelope whose carried document no longer gives its digest is refused, not served', async () => {
    await storeDeclaration(suite.store, 'd3');
    expect(await insertOutgoingDocument(suite.store, outgoing('d3'), attempt)).toBe(true);
    await suite.store.db
      .updateTable('documents')
      .set({ content: `${original} ` })
      .where('exchange_id', '=', 'd3')
      .where('name', '=', 'original')
      .execute();
    await expect(findDocument(suite.store, 'd3', 'to-customs')).rejects.toThrow(/does not match its digest/);
  });

  it('a delivery reads the first of the names it asks for that exists, as bytes, an envelope with its payload put back', async () => {
    await storeDeclaration(suite.store, 'd5');
    expect(await findFirstDocument(suite.store, 'd5', ['to-customs', 'original'])).toMatchObject({ name: 'original', content: Buffer.from(original) });
    expect(await insertOutgoingDocument(suite.store, outgoing('d5'), attempt)).toBe(true);
    expect(await findFirstDocument(suite.store, 'd5', ['to-customs', 'original'])).toMatchObject({
      name: 'to-customs',
      sha256: sha256Hex(envelope),
      content: Buffer.from(envelope),
    });
    expect(await findFirstDocument(suite.store, 'd5', ['to-nobody'])).toBeUndefined();
  });

  it('a document stored whole is read as it was', async () => {
    await storeDeclaration(suite.store, 'd4');
    const jws = 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln';
    expect(
      await insertOutgoingDocument(
        suite.store,
        { exchange_id: 'd4', name: 'to-pga-plant', media_type: 'application/jose', sha256: sha256Hex(jws), created_at: at, content: jws },
        { ...attempt },
      ),
    ).toBe(true);
    expect(await findDocument(suite.store, 'd4', 'to-pga-plant')).toEqual({
      exchange_id: 'd4',
      name: 'to-pga-plant',
      media_type: 'application/jose',
      sha256: sha256Hex(jws),
      created_at: at,
      content: Buffer.from(jws),
    });
  });
});
