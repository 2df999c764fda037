/**
 * SOAP envelopes (1.1 and 1.2) as TRACES NT and CSW-CERTEX send them, read from a tree the safe
 * parser built: the one message the Body carries. An envelope that could say two things at once
 * (two Bodies, two messages in the Body) or that carries a Fault is refused rather than read in
 * part. Headers (WS-Security, message ids) are not read: the gateway authenticates the sender
 * itself, and nothing in a header is trusted.
 */
import { RejectionError, finding } from '../../findings.js';
import { childElements, type XmlElement } from './tree.js';

const SOAP_NAMESPACES: ReadonlySet<string> = new Set(['http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope']);

export function isSoapEnvelope(root: XmlElement): boolean {
  return root.name === 'Envelope' && SOAP_NAMESPACES.has(root.ns);
}

/** The single element in the envelope's single Body; a 422 naming what is wrong otherwise. */
export function soapMessage(envelope: XmlElement): XmlElement {
  const parts = childElements(envelope).filter((c) => c.ns === envelope.ns);
  const bodies = parts.filter((c) => c.name === 'Body');
  const refuse = (code: string, message: string, xpath: string): never => {
    throw new RejectionError(422, 'Invalid SOAP envelope', [{ ...finding(code, message), xpath }]);
  };
  const unknown = childElements(envelope).find((c) => c.ns !== envelope.ns || (c.name !== 'Header' && c.name !== 'Body'));
  if (unknown)
    refuse(
      'soap.unexpected-element',
      `The envelope holds ${unknown.name} (line ${unknown.line}); only Header and Body belong there`,
      `/Envelope/${unknown.name}`,
    );
  if (bodies.length !== 1) refuse('soap.body', `The envelope has ${bodies.length} Body elements; exactly one is read`, '/Envelope/Body');
  if (parts.filter((c) => c.name === 'Header').length > 1) refuse('soap.header', 'The envelope has more than one Header', '/Envelope/Header');
  const messages = childElements(bodies[0] as XmlElement);
  if (messages.length !== 1) refuse('soap.body-content', `The Body holds ${messages.length} elements; exactly one message is read`, '/Envelope/Body');
  const message = messages[0] as XmlElement;
  if (message.name === 'Fault' && message.ns === envelope.ns) refuse('soap.fault', 'The envelope carries a SOAP Fault, not a message', '/Envelope/Body/Fault');
  return message;
}
