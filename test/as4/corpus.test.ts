/**
 * The AS4 corpus, file by file: what the corpus README and SOURCES.md say of each file, and
 * what swgate's reader and verifier make of it. One table, printed at the end of the run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { decryptAttachments, encryptedAttachmentIds } from '../../src/as4/encryption.js';
import { parseSoapEnvelope } from '../../src/as4/header.js';
import { readTransport } from '../../src/as4/mime.js';
import { parseAs4 } from '../../src/as4/read.js';
import { verifySignature } from '../../src/as4/signature.js';
import { certificate, fixture, refusal, testKey } from './support.js';

type Expectation =
  | { verifies: string; cert?: 'blue_gw' | 'ph-as4'; unchecked?: number }
  | { refused: string; by: 'verify' | 'read'; contentType?: string; cert?: 'blue_gw' | 'red_gw' }
  | { reads: string };

const CASES: Array<[string, Expectation]> = [
  ['phase4/signed/TestReceipt11.xml', { verifies: 'CN=ph-as4' }],
  ['phase4/signed/TestReceipt11.xml', { verifies: 'CN=ph-as4', cert: 'ph-as4' }],
  ['phase4/signed/TestReceipt12.xml', { verifies: 'CN=PDE000576' }],
  ['phase4/signed/TestMessage11.xml', { verifies: 'CN=APP_1000000101' }],
  ['phase4/signed/dataport1-mustunderstand.as4in', { verifies: 'CN=PDE000357' }],
  ['phase4/signed/governikus.as4in', { verifies: 'CN=POP000260' }],
  ['phase4/signed/helger.as4in', { verifies: 'CN=POP000306' }],
  ['phase4/signed/dump-raw.as4out', { verifies: 'CN=POP000306', unchecked: 1 }],
  ['domibus/dataset/SoapRequest.xml', { verifies: 'CN=blue_gw', cert: 'blue_gw', unchecked: 1 }],
  ['phase4/signed/dataport1.as4in', { refused: 'EBMS:0101', by: 'verify' }],
  ['phase4/signed/WrongSigningAlgorithm.xml', { refused: 'EBMS:0101', by: 'verify' }],
  ['phase4/signed/WrongSigningDigestAlgorithm.xml', { refused: 'EBMS:0101', by: 'verify' }],
  ['domibus/dataset/SoapRequest.xml', { refused: 'EBMS:0101', by: 'verify', cert: 'red_gw' }],
  ['domibus/dataset/MSHAS4Request.xml', { refused: 'EBMS:0101', by: 'verify', cert: 'blue_gw' }],
  ['domibus/dataset/MSHAS4Request-signOnly.xml', { refused: 'EBMS:0101', by: 'verify', cert: 'blue_gw' }],
  ['domibus/dataset/MSHAS4Response.xml', { refused: 'EBMS:0101', by: 'verify', cert: 'blue_gw' }],
  ['domibus/dataset/MSHAS4Response-signOnly.xml', { refused: 'EBMS:0101', by: 'verify', cert: 'red_gw' }],
  ['phase4/soap11/BundledMessage.xml', { reads: 'user+error+pull' }],
  ['phase4/soap11/EmptyMessaging.xml', { reads: '' }],
  ['phase4/soap11/ErrorMessage.xml', { reads: 'error' }],
  ['phase4/soap11/PullRequest.xml', { reads: 'pull' }],
  ['phase4/soap11/ReceiptMessage.xml', { reads: 'receipt' }],
  ['phase4/soap11/UserMessage.xml', { reads: 'user' }],
  ['phase4/soap11/UserMessageResponse.xml', { reads: 'user' }],
  ['phase4/soap12/PullRequest12.xml', { reads: 'pull' }],
  ['phase4/soap12/UserMessage12.xml', { reads: 'user' }],
  ['phase4/soap12/test-2023-03-15.xml', { reads: 'user' }],
  ['phase4/server/ErrorMessage.xml', { reads: 'error' }],
  ['phase4/server/ErrorMessageWithFault.xml', { reads: 'error' }],
  ['phase4/server/ErrorMessageNoRefToMessageID.xml', { reads: 'error' }],
  ['phase4/server/UserMessageWithoutWSSE.xml', { reads: 'user' }],
  ['domibus/dataset/MSHAS4Request.xml', { reads: 'user' }],
  ['domibus/dataset/MSHAS4Response.xml', { reads: 'receipt' }],
  ['phase4/soap11/MessageInfoMissing.xml', { refused: 'EBMS:0009', by: 'read' }],
  ['phase4/soap11/MessageInfoIDMissing.xml', { refused: 'EBMS:0009', by: 'read' }],
  ['phase4/soap11/MessageInfoImaginaryTimestamp.xml', { refused: 'EBMS:0009', by: 'read' }],
  ['phase4/soap11/NoMessaging.xml', { refused: 'EBMS:0009', by: 'read' }],
  ['phase4/soap11/UserMessage-no-soap.xml', { refused: 'EBMS:0009', by: 'read' }],
  ['phase4/soap12/UserMessage12.xml', { refused: 'EBMS:0009', by: 'read', contentType: 'text/xml; charset=UTF-8' }],
  ['phase4/soap12/UserMessageWithCompressedPayload12.xml.malformed', { refused: 'EBMS:0009', by: 'read' }],
  ['phase4/server/TwoUserMessages.xml', { refused: 'EBMS:0003', by: 'read' }],
  ['phase4/server/UserMessageNoPartyID.xml', { refused: 'EBMS:0009', by: 'read' }],
  ['phase4/server/NoResponder.xml', { refused: 'EBMS:0009', by: 'read' }],
  ['phase4/server/WrongCompression.mime', { refused: 'EBMS:0003', by: 'read' }],
  ['domibus/dataset/blue2redInvalidMessage.xml', { refused: 'EBMS:0009', by: 'read' }],
  ['domibus/dataset/blue2redGoodMessage.xml', { refused: 'EBMS:0009', by: 'read' }],
];

const table: string[] = [];

function kinds(file: string, contentType?: string): string {
  const { message } = parseAs4(fixture(file), contentType ? { contentType } : {});
  return [...(message.userMessage ? ['user'] : []), ...message.signals.map((s) => s.kind)].join('+');
}

function verifyFile(file: string, cert?: 'blue_gw' | 'ph-as4' | 'red_gw') {
  const transport = readTransport(fixture(file));
  const envelope = parseSoapEnvelope(transport.soap);
  return verifySignature(envelope, {
    attachments: transport.attachments,
    encrypted: encryptedAttachmentIds(envelope),
    ...(cert ? { certificate: certificate(cert) } : {}),
  });
}

describe('the AS4 corpus: every file → what its SOURCES.md expects', () => {
  it.each(CASES)('%s → %j', (file, expected) => {
    const label = `${file}${'cert' in expected && expected.cert ? ` (--cert ${expected.cert})` : ''}${'contentType' in expected && expected.contentType ? ' (as SOAP 1.1)' : ''}`;
    if ('verifies' in expected) {
      const verified = verifyFile(file, expected.cert);
      expect(verified.signer.subject.split('\n')).toContain(expected.verifies.replace('CN=', 'CN='));
      expect(verified.uncheckedAttachments).toHaveLength(expected.unchecked ?? 0);
      expect(verified.references.filter((r) => r.element).length).toBeGreaterThan(0);
      table.push(
        `| ${label} | verifies (${expected.verifies}) | verifies: ${verified.references.filter((r) => r.checked).length} refs OK, signer ${expected.verifies}${verified.uncheckedAttachments.length ? `, ${verified.uncheckedAttachments.length} cid: ref unchecked` : ''} |`,
      );
    } else if ('reads' in expected) {
      expect(kinds(file)).toBe(expected.reads);
      table.push(`| ${label} | valid | read: ${expected.reads || '(empty Messaging)'} |`);
    } else {
      const error =
        expected.by === 'verify'
          ? refusal(() => verifyFile(file, expected.cert))
          : refusal(() => parseAs4(fixture(file), expected.contentType ? { contentType: expected.contentType } : {}));
      expect(error.code).toBe(expected.refused);
      table.push(`| ${label} | ${expected.refused} | refused ${error.code}: ${error.detail.slice(0, 90).replaceAll('|', '/')} |`);
    }
  });

  afterAll(() => {
    console.log(['| file | expected | swgate |', '|---|---|---|', ...table].join('\n'));
  });
});

describe('key transport interoperates with Domibus (WSS4J): its EncryptedKeys open with the key they name', () => {
  // The corpus has the envelopes but not their encrypted attachments (SoapRequest not even its
  // EncryptedData): a step after the content key is recovered fails instead (the GCM tag on a
  // stand-in part, the missing EncryptedData), where a wrong key fails at the key itself.
  it.each([
    ['domibus/dataset/SoapRequest.xml', 'message', 'red_gw', 'blue_gw', /names no EncryptedData/],
    ['domibus/dataset/MSHAS4Request.xml', 'payload_d13a58d3-0e86-4834-bb8a-4028780e18c9', 'blue_gw', 'red_gw', /authentication tag mismatch/],
  ] as const)('%s (attachment %s): the content key opens with the key of %s, and only with it', (file, contentId, owner, other, afterKey) => {
    const envelope = parseSoapEnvelope(fixture(file));
    const standIn = [{ contentId, contentType: 'application/octet-stream', headers: {}, content: Buffer.alloc(64, 7) }];
    const opened = refusal(() => decryptAttachments(envelope, standIn, { privateKey: testKey(owner).privateKey, certificate: certificate(owner) }));
    expect(opened.code).toBe('EBMS:0102');
    expect(opened.detail).toMatch(afterKey);
    const addressed = refusal(() => decryptAttachments(envelope, standIn, { privateKey: testKey(other).privateKey, certificate: certificate(other) }));
    expect(addressed.detail).toMatch(/encrypted for another certificate/);
    const wrongKey = refusal(() => decryptAttachments(envelope, standIn, { privateKey: testKey(other).privateKey }));
    expect(wrongKey.detail).toMatch(/cannot be decrypted with this key/);
  });
});
