import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../src/documents/xml/parse.js';
import { isSoapEnvelope, soapMessage } from '../../../src/documents/xml/soap.js';
import { RejectionError } from '../../../src/findings.js';

const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const envelope = (inner: string, ns = S11) => parseXml(`<S:Envelope xmlns:S="${ns}">${inner}</S:Envelope>`);
const refusal = (inner: string): string[] => {
  try {
    soapMessage(envelope(inner));
  } catch (err) {
    if (err instanceof RejectionError) return err.findings.map((f) => `${err.status} ${f.code}`);
    throw err;
  }
  return [];
};

describe('SOAP envelopes', () => {
  it('gives the one message of the one Body, in SOAP 1.1 and 1.2, whatever the header holds', () => {
    const message = soapMessage(envelope('<S:Header><x:Security xmlns:x="urn:sec"/></S:Header><S:Body>\n <m:Answer xmlns:m="urn:m"/>\n</S:Body>'));
    expect([message.ns, message.name]).toEqual(['urn:m', 'Answer']);
    const soap12 = envelope('<S:Body><m:A xmlns:m="urn:m"/></S:Body>', 'http://www.w3.org/2003/05/soap-envelope');
    expect(isSoapEnvelope(soap12) && soapMessage(soap12).name).toBe('A');
    expect(isSoapEnvelope(parseXml(`<Envelope xmlns="urn:not-soap"/>`))).toBe(false);
  });

  it('refuses what could be read two ways: two Bodies, two Headers, two or no messages, foreign parts, a Fault', () => {
    expect(refusal('<S:Body><m:A xmlns:m="urn:m"/></S:Body><S:Body><m:B xmlns:m="urn:m"/></S:Body>')).toEqual(['422 soap.body']);
    expect(refusal('')).toEqual(['422 soap.body']);
    expect(refusal('<S:Header/><S:Header/><S:Body><m:A xmlns:m="urn:m"/></S:Body>')).toEqual(['422 soap.header']);
    expect(refusal('<S:Body><m:A xmlns:m="urn:m"/><m:B xmlns:m="urn:m"/></S:Body>')).toEqual(['422 soap.body-content']);
    expect(refusal('<S:Body/>')).toEqual(['422 soap.body-content']);
    expect(refusal('<S:Body><m:A xmlns:m="urn:m"/></S:Body><x:Extra xmlns:x="urn:x"/>')).toEqual(['422 soap.unexpected-element']);
    expect(refusal('<S:Body><S:Fault/></S:Body>')).toEqual(['422 soap.fault']);
  });
});
