import forge from 'node-forge';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsIdentity {
  cert: string;
  key: string;
  /** SHA-256 of the DER certificate, lower-case hex: what a participant registers. */
  fingerprint: string;
}

function issue(
  subject: string,
  issuer: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | undefined,
  extensions: object[],
): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = forge.util.bytesToHex(forge.random.getBytesSync(8)).replace(/^[89a-f]/, '1');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  cert.setIssuer([{ name: 'commonName', value: issuer ? (issuer.cert.subject.getField('CN') as { value: string }).value : subject }]);
  cert.setExtensions(extensions);
  cert.sign(issuer?.key ?? keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

function identity(pair: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }): TlsIdentity {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(pair.cert)).getBytes();
  return {
    cert: forge.pki.certificateToPem(pair.cert),
    key: forge.pki.privateKeyToPem(pair.key),
    fingerprint: createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex'),
  };
}

/** A throwaway CA with a server certificate for 127.0.0.1 and client certificates, written to files. */
export function testPki(clients: string[]) {
  const ca = issue('swgate test CA', undefined, [
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true },
  ]);
  const server = issue('127.0.0.1', ca, [
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    { name: 'extKeyUsage', serverAuth: true },
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'swgate-tls-'));
  const write = (name: string, pem: string) => {
    const file = join(dir, name);
    writeFileSync(file, pem);
    return file;
  };
  const caPem = forge.pki.certificateToPem(ca.cert);
  const serverId = identity(server);
  const files = (name: string, id: TlsIdentity) => ({ ...id, certFile: write(`${name}.crt.pem`, id.cert), keyFile: write(`${name}.key.pem`, id.key) });
  return {
    caFile: write('ca.crt.pem', caPem),
    caPem,
    server: files('server', serverId),
    clients: Object.fromEntries(clients.map((c) => [c, files(c, identity(issue(c, ca, [{ name: 'extKeyUsage', clientAuth: true }])))])),
  };
}
