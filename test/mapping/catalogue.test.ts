import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { agreementMappingProblems, loadMappings } from '../../src/mapping/catalogue.js';

describe('agreements and the mappings they name', () => {
  it('agree in the sandbox and the production example: each format is what its mapping writes', async () => {
    const mappings = await loadMappings('mappings');
    for (const file of ['config/sandbox.yaml', 'config/production.example.yaml']) {
      const config = loadConfig({ SWGATE_CONFIG: file });
      expect(agreementMappingProblems(config.agreements, mappings, 'mappings'), file).toEqual([]);
    }
    const certificates = loadConfig({}).agreements.find((a) => a.id === 'export-certificates-to-xb');
    expect(certificates).toMatchObject({ mapping: 'lpco-to-sps', format: 'sps-xml' });
  });

  it('refuse an agreement that says JSON for a mapping writing SPS XML, and one naming no mapping there is', async () => {
    const mappings = await loadMappings('mappings');
    const problems = agreementMappingProblems(
      [
        { id: 'certificates', mapping: 'lpco-to-sps', format: 'json' },
        { id: 'typo', mapping: 'lpco-to-spss', format: 'sps-xml' },
        { id: 'as-xml', mapping: 'export-to-import', format: 'wco-xml' },
        { id: 'as-json', mapping: 'export-to-import', format: 'wco-json' },
        { id: 'plain', format: 'wco-xml' },
      ],
      mappings,
      'mappings',
    );
    expect(problems).toEqual([
      'agreement "certificates" says format "json", but its mapping "lpco-to-sps" writes sps-xml: say format sps-xml.',
      expect.stringMatching(/^agreement "typo" names mapping "lpco-to-spss", which is not in mappings \(known: .*lpco-to-sps.*\)\.$/),
    ]);
  });
});
