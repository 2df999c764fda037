/**
 * A real, independent OCSP responder for the tests: `openssl ocsp` serving an index file over
 * loopback HTTP, and openssl-issued certificates for what the project's builder does not make
 * (an Authority Information Access URL, the id-kp-OCSPSigning extended key usage).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomInt, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { OPENSSL } from '../../support/tools.js';

export interface IndexEntry {
  certificate: X509Certificate;
  revokedAt?: Date;
}

export interface OcspResponder {
  url: string;
  /**
   * Requests the responder has logged, once it has logged at least `expected` (its log reaches
   * us a little after its answer) or two seconds have passed.
   */
  requests(expected: number): Promise<number>;
  stop(): Promise<void>;
}

export interface ResponderOptions {
  dir: string;
  /** PEM paths: the CA the index is for, and who signs the answers (the CA itself by default). */
  caCertificate: string;
  signerCertificate?: string;
  signerKey: string;
  entries: IndexEntry[];
  /** nextUpdate = thisUpdate + this; default 10. */
  nextUpdateMinutes?: number;
  /** Default 0: any free port. */
  port?: number;
}

/** A port that was free a moment ago (for a URL that must be known before the responder starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** openssl's index: serial as BN_bn2hex writes it (upper case, whole bytes, no leading zero byte). */
function indexSerial(certificate: X509Certificate): string {
  const hex = certificate.serialNumber.toUpperCase().replace(/^0+(?=.)/, '');
  return hex.length % 2 === 0 ? hex : `0${hex}`;
}

function indexTime(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;
}

function indexLine(entry: IndexEntry): string {
  const expiry = indexTime(new Date(entry.certificate.validTo));
  const subject = `/${entry.certificate.subject.split('\n').join('/')}`;
  return entry.revokedAt
    ? `R\t${expiry}\t${indexTime(entry.revokedAt)}\t${indexSerial(entry.certificate)}\tunknown\t${subject}`
    : `V\t${expiry}\t\t${indexSerial(entry.certificate)}\tunknown\t${subject}`;
}

export async function startOcspResponder(options: ResponderOptions): Promise<OcspResponder> {
  const index = join(options.dir, `index-${randomInt(1e9)}.txt`);
  writeFileSync(index, options.entries.map(indexLine).join('\n') + (options.entries.length > 0 ? '\n' : ''));
  const child: ChildProcess = spawn(
    OPENSSL.command,
    [
      'ocsp',
      '-index',
      index,
      '-CA',
      options.caCertificate,
      '-rsigner',
      options.signerCertificate ?? options.caCertificate,
      '-rkey',
      options.signerKey,
      '-nmin',
      String(options.nextUpdateMinutes ?? 10),
      '-port',
      String(options.port ?? 0),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let requests = 0;
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log += chunk.toString();
    requests = (log.match(/Received request/g) ?? []).length;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`openssl ocsp did not start: ${out}${log}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // "ACCEPT [::]:40123 PID=…" is printed once the socket listens.
      const match = /ACCEPT \S*:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`openssl ocsp exited ${code}: ${out}${log}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: async (expected) => {
      for (const deadline = Date.now() + 2000; requests < expected && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return requests;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function openssl(args: string[]): void {
  const result = spawnSync(OPENSSL.command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
}

export interface OpensslIssued {
  certificate: X509Certificate;
  certificatePath: string;
  privateKey: KeyObject;
  privateKeyPath: string;
}

/**
 * A certificate signed by `issuer` (PEM paths) with openssl x509, for extensions the project's
 * builder does not write. `extensions` are openssl config lines (e.g. `extendedKeyUsage = OCSPSigning`).
 */
export function issueWithOpenssl(options: {
  dir: string;
  name: string;
  commonName: string;
  issuerCertificate?: string;
  issuerKey?: string;
  extensions: string[];
  days?: number;
  /** EC curve of the issued key; default P-256. */
  namedCurve?: string;
}): OpensslIssued {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: options.namedCurve ?? 'P-256' });
  const privateKeyPath = join(options.dir, `${options.name}.key.pem`);
  const certificatePath = join(options.dir, `${options.name}.crt.pem`);
  const csr = join(options.dir, `${options.name}.csr.pem`);
  const extfile = join(options.dir, `${options.name}.ext`);
  writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(extfile, `${options.extensions.join('\n')}\n`);
  openssl(['req', '-new', '-key', privateKeyPath, '-subj', `/O=swgate/CN=${options.commonName}`, '-out', csr]);
  const signer =
    options.issuerCertificate && options.issuerKey ? ['-CA', options.issuerCertificate, '-CAkey', options.issuerKey] : ['-signkey', privateKeyPath];
  openssl([
    'x509',
    '-req',
    '-in',
    csr,
    ...signer,
    '-set_serial',
    `0x${randomInt(1, 2 ** 47).toString(16)}`,
    '-days',
    String(options.days ?? 1),
    '-sha256',
    '-extfile',
    extfile,
    '-out',
    certificatePath,
  ]);
  return { certificate: new X509Certificate(readFileSync(certificatePath)), certificatePath, privateKey, privateKeyPath };
}
