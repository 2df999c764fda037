/**
 * The sandbox PKI: a root CA and, for the gateway and every participant, an ECDSA P-256
 * signing key + certificate and an RSA-2048 one for agreements that ask for rsa-sha256.
 * Idempotent: existing files are kept, missing entities are filled in, and the CA's CRL is
 * re-issued when it has gone stale (sandbox trust stores fail closed without a fresh CRL).
 */
import { createPrivateKey, generateKeyPairSync, randomInt, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_ID } from '../../gateway-id.js';
import { issueCertificate, issueCrl, type Issuer } from './certificate-builder.js';
import { readCrlNextUpdate } from '../revocation/crl.js';
import { systemClock, type Clock } from '../clock.js';

export interface KeyPairFiles {
  certificate: string;
  privateKey: string;
}

export interface EntityFiles {
  ecdsa: KeyPairFiles;
  rsa: KeyPairFiles;
}

export interface SandboxPki {
  dir: string;
  ca: KeyPairFiles & { crl: string };
  /** `gateway` and every participant id. */
  entities: Record<string, EntityFiles>;
}

export const CA_COMMON_NAME = 'swgate sandbox root CA';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// Ids become file names: no path separators, and `ca` is the CA's own name.
const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function sandboxPaths(dir: string, ids: string[]): SandboxPki {
  for (const id of ids) {
    if (!ENTITY_ID.test(id) || id === 'ca' || id.endsWith('-rsa')) throw new Error(`"${id}" cannot name a sandbox key`);
  }
  const pair = (name: string): KeyPairFiles => ({
    certificate: join(dir, `${name}.crt.pem`),
    privateKey: join(dir, `${name}.key.pem`),
  });
  const entities: Record<string, EntityFiles> = {};
  for (const id of ids) entities[id] = { ecdsa: pair(id), rsa: pair(`${id}-rsa`) };
  return { dir, ca: { ...pair('ca'), crl: join(dir, 'ca.crl.pem') }, entities };
}

function newKeyPair(kind: 'ecdsa' | 'rsa'): { publicKey: KeyObject; privateKey: KeyObject } {
  return kind === 'ecdsa' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function writePrivateKey(path: string, key: KeyObject): void {
  writeFileSync(path, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
}

function isComplete(files: KeyPairFiles): boolean {
  return existsSync(files.certificate) && existsSync(files.privateKey);
}

async function createCa(files: KeyPairFiles, now: Date): Promise<void> {
  const { publicKey, privateKey } = newKeyPair('ecdsa');
  const certificate = await issueCertificate({
    commonName: CA_COMMON_NAME,
    publicKey,
    selfSignKey: privateKey,
    serialNumber: randomInt(1, 2 ** 47),
    notBefore: new Date(now.getTime() - HOUR_MS),
    notAfter: new Date(now.getTime() + 10 * 365 * DAY_MS),
    ca: true,
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  writePrivateKey(files.privateKey, privateKey);
  writeFileSync(files.certificate, certificate.toString());
}

async function createEntity(id: string, kind: 'ecdsa' | 'rsa', files: KeyPairFiles, ca: Issuer, now: Date) {
  const { publicKey, privateKey } = newKeyPair(kind);
  const certificate = await issueCertificate({
    commonName: id,
    dnsNames: [id],
    publicKey,
    issuer: ca,
    serialNumber: randomInt(1, 2 ** 47),
    notBefore: new Date(now.getTime() - HOUR_MS),
    notAfter: new Date(now.getTime() + 2 * 365 * DAY_MS),
    keyUsage: ['digitalSignature', 'nonRepudiation'],
  });
  writePrivateKey(files.privateKey, privateKey);
  writeFileSync(files.certificate, certificate.toString());
}

function crlIsFresh(path: string, now: Date): boolean {
  if (!existsSync(path)) return false;
  const nextUpdate = readCrlNextUpdate(readFileSync(path));
  return nextUpdate !== undefined && nextUpdate.getTime() - now.getTime() > DAY_MS;
}

export async function ensureSandboxPki(dir: string, participantIds: string[], clock: Clock = systemClock): Promise<SandboxPki> {
  const now = clock();
  const pki = sandboxPaths(dir, [GATEWAY_ID, ...participantIds]);
  mkdirSync(dir, { recursive: true });
  // Certificates issued by a lost CA key are useless: a missing CA means a fresh PKI.
  const freshCa = !isComplete(pki.ca);
  if (freshCa) await createCa(pki.ca, now);
  const ca: Issuer = { commonName: CA_COMMON_NAME, privateKey: createPrivateKey(readFileSync(pki.ca.privateKey)) };
  for (const [id, files] of Object.entries(pki.entities)) {
    for (const kind of ['ecdsa', 'rsa'] as const) {
      if (freshCa || !isComplete(files[kind])) await createEntity(id, kind, files[kind], ca, now);
    }
  }
  if (freshCa || !crlIsFresh(pki.ca.crl, now)) {
    const crl = await issueCrl({ issuer: ca, thisUpdate: now, nextUpdate: new Date(now.getTime() + 30 * DAY_MS), revokedSerialNumbers: [] });
    writeFileSync(pki.ca.crl, crl);
  }
  return pki;
}
