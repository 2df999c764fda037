/** sps-to-lpco on the real certificates and mutated copies of them: measures, units, repeated lines, missing parts. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RejectionError } from '../../src/findings.js';
import type { Lpco } from '../../src/lpco/lpco.js';
import { loadMappings, type MappingCatalogue } from '../../src/mapping/catalogue.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/ephyto/${name}`, import.meta.url)), 'utf8');
const NORWAY = fixture('no-mattilsynet_SPSCertificateContent_851.xml');
const CHED = fixture('eu-tracesnt_GetChedResponse_CHEDPP.XI.2026.0000064.xml');

let catalogue: MappingCatalogue;
beforeAll(async () => {
  catalogue = await loadMappings(fileURLToPath(new URL('../../mappings', import.meta.url)));
});
const read = async (xml: string) => (await catalogue.apply('sps-to-lpco', xml)).output as Lpco;
const quantities = (lpco: Lpco) => lpco.lines.map((l) => [l.quantity, l.unit, l.measure]);

describe('sps-to-lpco on real certificates, mutated', () => {
  it('takes the first measure the line states: net weight, then gross weight, volumes, packages', async () => {
    expect(quantities(await read(NORWAY))).toEqual([
      ['10.000', 'KGM', 'net-weight'],
      [undefined, undefined, undefined],
    ]);
    const noNet = NORWAY.replace(/<ns1:NetWeightMeasure[^>]*>10<\/ns1:NetWeightMeasure>/, '');
    expect(quantities(await read(noNet))[0]).toEqual(['60.000', 'KGM', 'gross-weight']);
    const noWeights = noNet.replace(/<ns1:GrossWeightMeasure[^>]*>60<\/ns1:GrossWeightMeasure>/, '');
    expect(quantities(await read(noWeights))[0]).toEqual(['5.000', 'MTQ', 'net-volume']);
    const noVolumes = noWeights.replace(/<ns1:(Net|Gross)VolumeMeasure[^>]*>\d+<\/ns1:\1VolumeMeasure>/g, '');
    expect(quantities(await read(noVolumes))[0]).toEqual(['100.000', 'BG', 'packages']);
    // A measure without its unit is no usable quantity: the next one is taken.
    const netWithoutUnit = NORWAY.replace('<ns1:NetWeightMeasure unitCode="KGM">10<', '<ns1:NetWeightMeasure>10<');
    expect(quantities(await read(netWithoutUnit))[0]).toEqual(['60.000', 'KGM', 'gross-weight']);
  });

  it('keeps other units as stated', async () => {
    const tonnes = CHED.replace(
      '<ns4:NetWeightMeasure unitCode="KGM">500</ns4:NetWeightMeasure>\n              <ns4:ApplicableSPSClassification>',
      '<ns4:NetWeightMeasure unitCode="TNE">0.5</ns4:NetWeightMeasure>\n              <ns4:ApplicableSPSClassification>',
    );
    expect(quantities(await read(tonnes))).toEqual([['0.500', 'TNE', 'net-weight']]);
  });

  it('maps repeated lines each as a line of its own, numbered in order (TRACES totals line left out)', async () => {
    const line = /<ns4:IncludedSPSTradeLineItem>\s*<ns4:SequenceNumeric>1<[\s\S]*?<\/ns4:IncludedSPSTradeLineItem>/.exec(CHED)?.[0] ?? '';
    const lpco = await read(CHED.replace(line, line + line.replace('>1</ns4:SequenceNumeric>', '>2</ns4:SequenceNumeric>')));
    expect(lpco.lines.map((l) => [l.sequence, l.hsCode, l.quantity])).toEqual([
      ['1', '08051022', '500.000'],
      ['2', '08051022', '500.000'],
    ]);
  });

  it('reads a CHED without its optional parts, and names what is truly missing', async () => {
    const bare = CHED.replace(/<ns4:IncludedSPSNote>\s*<ns4:Content>2026[\s\S]*?<\/ns4:IncludedSPSNote>/, '').replace(
      /<ns4:ApplicableSPSClassification>\s*<ns4:SystemID>CN[\s\S]*?<\/ns4:ApplicableSPSClassification>/,
      '',
    );
    const lpco = await read(bare);
    expect(lpco.notes).toEqual([{ subject: 'CHED_TYPE', content: 'PP' }]);
    expect(lpco.lines[0]).toEqual({
      sequence: '1',
      description: 'Citroncirus',
      botanicalName: 'Citroncirus',
      quantity: '500.000',
      unit: 'KGM',
      measure: 'net-weight',
      origin: 'ZA',
    });
    const nameless = bare.replace(/<ns4:ScientificName[^>]*>Citroncirus<\/ns4:ScientificName>/, '');
    const err = await catalogue.apply('sps-to-lpco', nameless).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RejectionError);
    expect((err as RejectionError).findings.map((f) => f.code)).toEqual(['mapping.missing']);
    expect((err as RejectionError).findings[0]?.message).toContain('for description');
  });
});
