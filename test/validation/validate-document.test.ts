import { describe, expect, it } from 'vitest';
import { validateDocument } from '../../src/validation/validate-document.js';
import { hasErrors } from '../../src/findings.js';
import { fixture, rejectionOf } from '../documents/support.js';
import { DECLARATION_SAMPLES, NOTIFICATION_SAMPLES } from '../documents/wco/corpus.js';

describe('validateDocument', () => {
  it.each([...DECLARATION_SAMPLES, ...NOTIFICATION_SAMPLES])('finds no error in %s, as XML and as its JSON', (path) => {
    const fromXml = validateDocument(fixture(path), 'wco-xml');
    expect(fromXml.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const fromJson = validateDocument(Buffer.from(JSON.stringify(fromXml.wcoJson)), 'wco-json');
    expect(fromJson.findings).toEqual(fromXml.findings.map(({ xpath: _xpath, ...f }) => f));
  });

  it('reports business rules only once the structure holds', () => {
    const xml = fixture('samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml').toString('utf8');
    const badCountry = validateDocument(Buffer.from(xml.replace('<CountryCode>US</CountryCode>', '<CountryCode>QQ</CountryCode>')), 'wco-xml');
    expect(badCountry.findings.map((f) => f.code)).toEqual(['rules.country']);
    const alsoBadType = xml
      .replace('<CountryCode>US</CountryCode>', '<CountryCode>QQ</CountryCode>')
      .replace('<TypeCode>IMA</TypeCode>', '<TypeCode>IMAX</TypeCode>');
    expect(validateDocument(Buffer.from(alsoBadType), 'wco-xml').findings.map((f) => f.code)).toEqual(['xsd.value']);
  });

  it('refuses the namespace-less corpus notifications with xsd.root', () => {
    const unqualified = validateDocument(fixture('samples/customs-declarations/notification-unqualified/Example_DMS_notifications__03_DMSREJ.xml'), 'wco-xml');
    expect(unqualified.findings.map((f) => f.code)).toEqual(['xsd.root']);
    expect(hasErrors(unqualified.findings)).toBe(true);
    expect(unqualified.wcoJson).toBeUndefined();
  });

  it('throws a 400 RejectionError for malformed input, as the parser does', () => {
    const err = rejectionOf(() =>
      validateDocument(fixture('samples/customs-declare-exports/notification-malformed/TT1_IM_v2.01_Rejected_Obligation_Netmass_Notification.xml'), 'wco-xml'),
    );
    expect(err.status).toBe(400);
    expect(rejectionOf(() => validateDocument(Buffer.from('{"Declaration":{"__proto__":{}}}'), 'wco-json')).findings[0]?.code).toBe('json.forbidden-name');
  });
});
