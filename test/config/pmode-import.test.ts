import { Command } from 'commander';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registerAs4ImportPmode } from '../../src/cli/commands/as4-pmode.js';
import { loadConfig } from '../../src/config/load.js';
import { ensureSandboxPki } from '../../src/trust/pki/sandbox-ca.js';

const TEMPLATE = 'test/fixtures/as4-pmode/PModeTemplate.xml';

async function swgate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code: 0 | 1 = 0;
  const program = new Command().exitOverride();
  registerAs4ImportPmode(program, { out: (t) => out.push(t), err: (l) => err.push(l), exit: (c) => (code = c) });
  await program.parseAsync(args, { from: 'user' });
  return { out: out.join('\n'), err: err.join('\n'), code };
}

const dir = mkdtempSync(join(tmpdir(), 'swgate-pmode-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('swgate as4 import-pmode', () => {
  it("turns Domibus's PMode template into the gateway's own party, red_gw as a participant and one agreement per signed leg", async () => {
    const { out, code } = await swgate('as4', 'import-pmode', TEMPLATE);
    expect(code).toBe(0);
    const fragment = parse(out) as { as4: unknown; participants: Array<Record<string, unknown>>; agreements: Array<Record<string, unknown>> };
    expect(fragment.as4).toEqual({ partyId: 'domibus-blue', partyIdType: 'urn:oasis:names:tc:ebcore:partyid-type:unregistered' });
    expect(fragment.participants).toEqual([
      {
        id: 'red-gw',
        kind: 'partner-customs',
        name: 'red_gw',
        as4: {
          partyId: 'domibus-red',
          partyIdType: 'urn:oasis:names:tc:ebcore:partyid-type:unregistered',
          endpoint: 'http://localhost:8892/domibus/services/msh',
          certificates: [{ file: 'certs/as4/red-gw.pem' }],
        },
      },
    ]);
    const leg = (action: string, security: string) => ({
      service: 'bdx:noprocess',
      serviceType: 'tc1',
      action,
      mpc: 'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/defaultMPC',
      mode: 'push',
      security,
      compression: true,
      receipt: 'response',
    });
    expect(fragment.agreements.map((a) => [a.id, a.destination, a.transport, a.as4, a.delivery])).toEqual([
      ['push-testcase1tc1-action-to-red-gw', 'red-gw', 'as4', leg('TC1Leg1', 'sign-encrypt'), { attempts: 5, retry: 'automatic' }],
      ['push-testcase1tc2-action-to-red-gw', 'red-gw', 'as4', leg('TC2Leg1', 'sign-encrypt'), { attempts: 5, retry: 'automatic' }],
      ['push-testcase1tc4-action-to-red-gw', 'red-gw', 'as4', leg('TC4Leg1', 'sign-only'), { attempts: 5, retry: 'automatic' }],
    ]);
    // The leg without signature (noSigNoEnc) is named as left out, and so are the missing certificates.
    expect(out).toMatch(/# leg "pushTestcase1tc3Action": security "noSigNoEnc" \(doNothingPolicy\.xml\) neither signs and encrypts nor signs only/);
    expect(out).toMatch(/# Certificates are not in a PMode/);
  });

  it('prints configuration the gateway loads once the certificate is in place', async () => {
    const { out } = await swgate('as4', 'import-pmode', TEMPLATE);
    const fragment = parse(out) as { participants: Array<Record<string, unknown>>; agreements: Array<Record<string, unknown>> };
    const pki = await ensureSandboxPki(join(dir, 'pki'), ['red']);
    mkdirSync(join(dir, 'certs/as4'), { recursive: true });
    copyFileSync(pki.entities.red?.rsa.certificate as string, join(dir, 'certs/as4/red-gw.pem'));
    const file = write('config.yaml', out);
    const config = loadConfig({ SWGATE_CONFIG: file });
    expect(config.as4.partyId).toBe('domibus-blue');
    expect(config.agreements.map((a) => a.as4?.action)).toEqual(['TC1Leg1', 'TC2Leg1', 'TC4Leg1']);
    expect(config.participants[0]?.as4?.certificates[0]?.file).toBe(join(dir, 'certs/as4/red-gw.pem'));
    expect(fragment.agreements).toHaveLength(3);
  });

  it('refuses with exit 1 and one line: a missing file, XML that is not a PMode, a DTD with entities, malformed XML', async () => {
    const cases = [
      [join(dir, 'missing.xml'), /no such file/],
      [write('other.xml', '<configuration xmlns="urn:other"/>'), /not a Domibus PMode/],
      [write('dtd.xml', '<!DOCTYPE x [<!ENTITY a "aaaa">]><db:configuration xmlns:db="http://domibus.eu/configuration">&a;</db:configuration>'), /DTD/],
      [write('bad.xml', '<db:configuration xmlns:db="http://domibus.eu/configuration"><parties>'), /line/],
    ] as const;
    for (const [file, reason] of cases) {
      const { code, err, out } = await swgate('as4', 'import-pmode', file);
      expect(code).toBe(1);
      expect(err).toMatch(reason);
      expect(out).toBe('');
    }
  });
});
