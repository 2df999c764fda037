import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildRecord, commitmentOf, leafInputOf, recordBytes, type RecordInput, sealRecord } from '../../src/provenance/record.js';
import { hex } from './fixtures.js';

const input: RecordInput = {
  exchangeId: '01JEXCHANGE',
  event: 'mapped',
  time: new Date('2026-11-29T05:30:00.123Z'),
  entity: { contentSha256: hex('out'), name: 'ug-asycuda', mediaType: undefined },
  agent: { participant: 'swgate' },
  used: [{ contentSha256: hex('in'), name: 'original' }],
  destination: 'UG-URA',
  derivedFrom: { entity: hex('in'), mapping: 'wco-to-asycuda@2.1.0', specSha256: hex('spec') },
};

describe('provenance record', () => {
  it('states the PROV relations: the activity generated the entity, which derives from what it used', () => {
    const record = buildRecord(input);
    expect(record).toEqual({
      exchangeId: '01JEXCHANGE',
      event: 'mapped',
      time: '2026-11-29T05:30:00.123Z',
      entity: { contentSha256: hex('out'), name: 'ug-asycuda' },
      activity: { id: 'urn:swgate:01JEXCHANGE:mapped:UG-URA', type: 'mapped', destination: 'UG-URA' },
      agent: { participant: 'swgate' },
      used: [{ contentSha256: hex('in'), name: 'original' }],
      wasGeneratedBy: 'urn:swgate:01JEXCHANGE:mapped:UG-URA',
      wasDerivedFrom: { entity: hex('in'), mapping: 'wco-to-asycuda@2.1.0', specSha256: hex('spec') },
    });
  });

  it('has RFC 8785 canonical bytes: sorted keys, no whitespace, independent of property order', () => {
    const record = buildRecord(input);
    const text = recordBytes(record).toString('utf8');
    expect(text.startsWith('{"activity":{"destination":"UG-URA","id":')).toBe(true);
    expect(text).not.toMatch(/\s/);
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as typeof record;
    expect(recordBytes(reordered)).toEqual(recordBytes(record));
  });

  it('canonicalises non-ASCII text as UTF-8 without escapes', () => {
    const record = buildRecord({ ...input, agent: { participant: 'Rwanda Revenue Authority — Kigali' } });
    expect(recordBytes(record).toString('utf8')).toContain('"participant":"Rwanda Revenue Authority — Kigali"');
  });

  it('refuses malformed hashes, mapping references and events', () => {
    expect(() => buildRecord({ ...input, entity: { contentSha256: 'ABC' } })).toThrow(/contentSha256/);
    expect(() => buildRecord({ ...input, agent: { participant: 'x', certificateFingerprint: hex('c').toUpperCase() } })).toThrow(/certificateFingerprint/);
    expect(() => buildRecord({ ...input, derivedFrom: { ...input.derivedFrom!, mapping: 'no-version' } })).toThrow(/id@version/);
    expect(() => buildRecord({ ...input, event: 'archived' as never })).toThrow(/event/);
  });

  it('logs a record as a salted commitment: SHA-256(salt ‖ canonical bytes), nothing of the record in clear', () => {
    const record = buildRecord(input);
    const salt = 'ab'.repeat(32);
    const sealed = sealRecord(record, salt);
    const commitment = createHash('sha256').update(Buffer.from(salt, 'hex')).update(recordBytes(record)).digest('hex');
    expect(commitmentOf(record, salt)).toBe(commitment);
    expect(sealed.leafInput.toString('utf8')).toBe(`{"commitment":"${commitment}"}`);
    expect(leafInputOf(record, salt)).toEqual(sealed.leafInput);
    for (const clear of ['01JEXCHANGE', 'UG-URA', 'swgate', 'mapped', '2026', hex('in'), hex('out')])
      expect(sealed.leafInput.toString('utf8')).not.toContain(clear);
    // Without a salt, the leaf input is the record itself: how entries were logged before commitments.
    expect(leafInputOf(record, undefined)).toEqual(recordBytes(record));
  });

  it('draws a fresh salt for every record, so equal records give unrelated leaves', () => {
    const record = buildRecord(input);
    const [a, b] = [sealRecord(record), sealRecord(record)];
    expect(a.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(a.salt).not.toBe(b.salt);
    expect(a.leafInput).not.toEqual(b.leafInput);
  });

  it('refuses a salt that is not 32 bytes of lowercase hex', () => {
    const record = buildRecord(input);
    for (const salt of ['', 'ab', 'AB'.repeat(32), 'zz'.repeat(32), `${'ab'.repeat(32)}00`]) expect(() => commitmentOf(record, salt)).toThrow(/salt/);
  });
});
