/** `swgate mappings` and `swgate map`, run through commander with captured output. */
import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registerMap } from '../../src/cli/commands/map.js';
import { registerMappings } from '../../src/cli/commands/mappings.js';
import type { CliIo } from '../../src/cli/io.js';

const MAPPINGS = fileURLToPath(new URL('../../mappings', import.meta.url));
const EXAMPLES = (id: string, file: string): string => `${MAPPINGS}/${id}/examples/${file}`;

async function run(...args: string[]): Promise<{ out: string[]; err: string[]; code: number | undefined }> {
  const result = { out: [] as string[], err: [] as string[], code: undefined as number | undefined };
  const io: CliIo = {
    out: (t) => result.out.push(t),
    err: (l) => result.err.push(l),
    exit: (c) => {
      result.code = c;
    },
  };
  const program = new Command().exitOverride();
  registerMappings(program, io);
  registerMap(program, io);
  await program.parseAsync(['node', 'swgate', ...args]);
  return result;
}

describe('swgate mappings', () => {
  it('lists id@version and the first 12 hex digits of each spec’s SHA-256', async () => {
    const { out, code } = await run('mappings', '--dir', MAPPINGS);
    expect(code).toBe(0);
    const lines = out.join('\n').split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^consignment-to-declaration@1\.1\.0\s+[0-9a-f]{12}$/);
  });
});

describe('swgate map', () => {
  it('writes the mapped document to stdout and the provenance to stderr', async () => {
    const { out, err, code } = await run(
      'map',
      'declaration-to-wildlife',
      EXAMPLES('declaration-to-wildlife', 'tt-im036a-cites.input.json'),
      '--dir',
      MAPPINGS,
    );
    expect(code).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ notification: 'wildlife', goodsItems: [{ hsCode: '90031900' }] });
    expect(err).toEqual([expect.stringMatching(/^mapped by declaration-to-wildlife@1\.0\.0 \(spec sha256 [0-9a-f]{64}\)$/)]);
  });

  it('gives the mapping the parameters named with --param, checked as the gateway checks its configured ones', async () => {
    const input = EXAMPLES('export-to-import', 'tt-ex002b.input.json');
    const { out, code } = await run('map', 'export-to-import', input, '--dir', MAPPINGS, '--param', 'homeCountry=XA');
    expect(code).toBe(0);
    expect(JSON.parse(out.join('')).MetaData.Declaration.GoodsShipment.ExportCountry).toEqual({ ID: 'XA' });
    const bad = await run('map', 'export-to-import', input, '--dir', MAPPINGS, '--param', 'homeCountry=X<');
    expect(bad).toMatchObject({ code: 1, out: [], err: [expect.stringMatching(/the configured homeCountry .* must match/)] });
    const malformed = await run('map', 'export-to-import', input, '--dir', MAPPINGS, '--param', 'homeCountry');
    expect(malformed).toMatchObject({ code: 1, out: [], err: ['--param takes name=value, not "homeCountry"'] });
  });

  it('exits 1 with the findings when the document cannot be mapped, or the mapping does not exist', async () => {
    const refused = await run('map', 'declaration-to-health', EXAMPLES('declaration-to-wildlife', 'tt-im036a-cites.input.json'), '--dir', MAPPINGS);
    expect(refused.code).toBe(1);
    expect(refused.out).toEqual([]);
    expect(refused.err[1]).toMatch(/^ {2}error mapping\.no-items \/Declaration\/GoodsShipment\/GovernmentAgencyGoodsItem: /);
    const unknown = await run('map', 'declaration-to-customs', EXAMPLES('declaration-to-wildlife', 'tt-im036a-cites.input.json'), '--dir', MAPPINGS);
    expect(unknown).toMatchObject({ code: 1, err: [expect.stringMatching(/^No mapping declaration-to-customs; /)] });
  });
});
