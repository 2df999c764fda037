import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  algorithmFitsJwsKey,
  CompactJwsError,
  parseCompact,
  signCompact,
  verifyCompactSignature,
  type JwsAlgorithm,
} from '../../../src/trust/jws/compact-jws.js';

const keys: Record<JwsAlgorithm, { privateKey: KeyObject; publicKey: KeyObject }> = {
  ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  ES384: generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  RS256: generateKeyPairSync('rsa', { modulusLength: 2048 }),
};
const payload = Buffer.from('{"receivedSha256":"ab","status":"accepted","text":"é ☃ \\u0000"}');

/** Our verdict on a compact JWS: verified payload, or undefined when refused. */
function ours(jws: string, alg: JwsAlgorithm): Buffer | undefined {
  try {
    const parsed = parseCompact(jws);
    return parsed.header.alg === alg && verifyCompactSignature(parsed, alg, keys[alg].publicKey) ? parsed.payload : undefined;
  } catch (error) {
    if (error instanceof CompactJwsError) return undefined;
    throw error;
  }
}

async function jose(jws: string, alg: JwsAlgorithm): Promise<Buffer | undefined> {
  try {
    return Buffer.from((await compactVerify(jws, keys[alg].publicKey, { algorithms: [alg] })).payload);
  } catch {
    return undefined;
  }
}

describe('compact JWS, checked against jose', () => {
  for (const alg of ['ES256', 'ES384', 'RS256'] as const) {
    it(`${alg}: what we sign jose verifies, and what jose signs we verify`, async () => {
      const mine = signCompact(payload, { alg, typ: 'swgate-receipt+jws', x5c: ['AAAA'] }, keys[alg].privateKey);
      expect(await jose(mine, alg)).toEqual(payload);
      const theirs = await new CompactSign(payload).setProtectedHeader({ alg, typ: 'swgate-receipt+jws' }).sign(keys[alg].privateKey);
      expect(ours(theirs, alg)).toEqual(payload);
      expect(parseCompact(theirs).header).toEqual({ alg, typ: 'swgate-receipt+jws' });
    });
  }

  it('agrees with jose on every one-character change of a signed JWS', async () => {
    const alphabet = 'Aa0_-.=+/ ';
    for (const alg of ['ES256', 'RS256'] as const) {
      const jws = signCompact(Buffer.from('{"a":1}'), { alg }, keys[alg].privateKey);
      // Every position, a few replacements each: changes in the header, payload, signature and separators.
      for (let at = 0; at < jws.length; at += 3) {
        for (const c of alphabet) {
          const changed = jws.slice(0, at) + c + jws.slice(at + 1);
          if (changed === jws) continue;
          const [mine, theirs] = [ours(changed, alg), await jose(changed, alg)];
          expect({ changed, verified: mine !== undefined }).toEqual({ changed, verified: theirs !== undefined });
        }
      }
    }
  });

  it('refuses what jose refuses: critical extensions, unencoded payloads, padding, other part counts, non-object headers', async () => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = Buffer.from('{}').toString('base64url');
    const signed = (header: Record<string, unknown>) => {
      const input = `${part(header)}.${body}`;
      const signature = signCompact(Buffer.from('{}'), { alg: 'ES256' }, keys.ES256.privateKey).split('.')[2];
      return `${input}.${signature}`;
    };
    for (const jws of [
      signed({ alg: 'ES256', crit: ['exp'], exp: 1 }),
      signed({ alg: 'ES256', b64: false, crit: ['b64'] }),
      `${part({ alg: 'ES256' })}.${body}`,
      `a.b.c.d`,
      `${part(['ES256'])}.${body}.AAAA`,
      `${part({ alg: 'ES256' })}=.${body}.AAAA`,
    ]) {
      expect(() => parseCompact(jws)).toThrow(CompactJwsError);
      expect(await jose(jws, 'ES256')).toBeUndefined();
    }
  });

  it('a key fits an algorithm only by type, curve and RSA size', () => {
    expect(algorithmFitsJwsKey('ES256', keys.ES256.publicKey)).toBe(true);
    expect(algorithmFitsJwsKey('ES256', keys.ES384.publicKey)).toBe(false);
    expect(algorithmFitsJwsKey('ES384', keys.ES384.publicKey)).toBe(true);
    expect(algorithmFitsJwsKey('RS256', keys.ES256.publicKey)).toBe(false);
    expect(algorithmFitsJwsKey('RS256', keys.RS256.publicKey)).toBe(true);
    expect(algorithmFitsJwsKey('RS256', generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey)).toBe(false);
  });
});
