import { describe, expect, it } from 'vitest';
import { buildRecord, leafInput, type RecordInput } from '../../src/provenance/record.js';
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
    const text = leafInput(record).toString('utf8');
    expect(text.startsWith('{"activity":{"destination":"UG-URA","id":')).toBe(true);
    expect(text).not.toMatch(/\s/);
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as typeof record;
    expect(leafInput(reordered)).toEqual(leafInput(record));
  });

  it('canonicalises non-ASCII text as UTF-8 without escapes', () => {
    const record = buildRecord({ ...input, agent: { participant: 'Rwanda Revenue Authority — Kigali' } });
    expect(leafInput(record).toString('utf8')).toContain('"participant":"Rwanda Revenue Authority — Kigali"');
  });

  it('refuses malformed hashes, mapping references and events', () => {
    expect(() => buildRecord({ ...input, entity: { contentSha256: 'ABC' } })).toThrow(/contentSha256/);
    expect(() => buildRecord({ ...input, agent: { participant: 'x', certificateFingerprint: hex('c').toUpperCase() } })).toThrow(/certificateFingerprint/);
    expect(() => buildRecord({ ...input, derivedFrom: { ...input.derivedFrom!, mapping: 'no-version' } })).toThrow(/id@version/);
    expect(() => buildRecord({ ...input, event: 'archived' as never })).toThrow(/event/);
  });
});
