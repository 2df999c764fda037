import { describe, expect, it } from 'vitest';
import { prefersXml } from '../../src/http/negotiation.js';

describe('prefersXml', () => {
  it('answers JSON by default', () => {
    expect(prefersXml(undefined)).toBe(false);
    expect(prefersXml('*/*')).toBe(false);
  });
  it('follows the first-ranked of XML and JSON', () => {
    expect(prefersXml('application/xml')).toBe(true);
    expect(prefersXml('text/xml, application/json')).toBe(true);
    expect(prefersXml('application/json, application/xml')).toBe(false);
    expect(prefersXml('application/json;q=0.5, application/xml')).toBe(true);
    expect(prefersXml('application/xml;q=0, application/json')).toBe(false);
  });
});
