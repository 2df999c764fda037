import { Command } from 'commander';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerDocumentCommands } from '../../../src/cli/commands/documents.js';
import { SAMPLES } from '../../support/gateway.js';

async function swgate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code: 0 | 1 = 0;
  const program = new Command().exitOverride();
  registerDocumentCommands(program, { out: (t) => out.push(t), err: (l) => err.push(l), exit: (c) => (code = c) });
  await program.parseAsync(args, { from: 'user' });
  return { out: out.join('\n'), err: err.join('\n'), code };
}

const dir = mkdtempSync(join(tmpdir(), 'swgate-cli-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const sample = `${SAMPLES}/import/TT_IM036a__TT_IM036a.xml`;

describe('swgate convert and swgate validate', () => {
  it('converts a corpus declaration to WCO JSON and back to XML that converts to the same JSON', async () => {
    const toJson = await swgate('convert', '--to', 'json', sample);
    expect(toJson.code).toBe(0);
    const json = JSON.parse(toJson.out) as { MetaData: { Declaration: { TypeCode: string } } };
    expect(json.MetaData.Declaration.TypeCode).toBe('IMA');
    const toXml = await swgate('convert', '--to', 'xml', write('d.json', toJson.out));
    expect(toXml.code).toBe(0);
    const again = await swgate('convert', '--to', 'json', write('d.xml', toXml.out));
    expect(JSON.parse(again.out)).toEqual(json);
  });

  it('validates a corpus declaration, in XML and in WCO JSON, with exit 0', async () => {
    const xml = await swgate('validate', sample);
    expect(xml.code).toBe(0);
    expect(xml.out).toMatch(/valid/);
    const json = await swgate('convert', '--to', 'json', sample);
    expect((await swgate('validate', write('v.json', json.out))).code).toBe(0);
  });

  it('prints the findings and exits 1 for an invalid or malformed declaration', async () => {
    const { readFileSync } = await import('node:fs');
    const broken = readFileSync(sample, 'utf8').replace(/<TypeCode>IMA<\/TypeCode>/, '<TypeCode>IMAXXXXX</TypeCode>');
    const invalid = await swgate('validate', write('bad.xml', broken));
    expect(invalid.code).toBe(1);
    expect(invalid.out).toMatch(/error/);
    const malformed = await swgate('validate', write('malformed.xml', '<MetaData><Declaration></MetaData>'));
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/xml\./);
  });

  it('refuses an unknown target format', async () => {
    const result = await swgate('convert', '--to', 'yaml', sample);
    expect(result).toMatchObject({ code: 1, err: expect.stringMatching(/--to must be json or xml/) });
  });
});
