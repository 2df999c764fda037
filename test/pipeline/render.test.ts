import { describe, expect, it } from 'vitest';
import { wcoXmlToJson } from '../../src/documents/wco/codec.js';
import { sha256Hex } from '../../src/hashing.js';
import { loadMappings } from '../../src/mapping/catalogue.js';
import { WCO_JSON_DOCUMENT } from '../../src/pipeline/vocabulary.js';
import { renderFor, renderSourceNames } from '../../src/pipeline/render.js';
import { sample } from '../support/gateway.js';

const mappings = await loadMappings();
const xml = sample('import/IMY_Aggregated_Supplementary_Declaration__IMY_Aggregated_Supplementary_Declaration.xml').toString('utf8');
const original = { media_type: 'application/xml', sha256: sha256Hex(xml) };
const keptWcoJson = JSON.stringify(wcoXmlToJson(xml).json);

describe('rendering a delivery', () => {
  it('starts from the kept WCO JSON only where the destination takes WCO JSON of an XML original, else from the original', () => {
    expect(renderSourceNames(mappings, { mapping: 'declaration-to-plant-health', format: 'json' }, 'application/xml')).toEqual([WCO_JSON_DOCUMENT, 'original']);
    expect(renderSourceNames(mappings, { mapping: null, format: 'wco-json' }, 'application/xml')).toEqual([WCO_JSON_DOCUMENT, 'original']);
    expect(renderSourceNames(mappings, { mapping: 'declaration-to-plant-health', format: 'json' }, 'application/json')).toEqual(['original']);
    expect(renderSourceNames(mappings, { mapping: null, format: 'wco-xml' }, 'application/xml')).toEqual(['original']);
    expect(renderSourceNames(mappings, { mapping: 'consignment-to-declaration', format: 'wco-xml' }, 'application/xml')).toEqual(['original']);
  });

  for (const delivery of [
    { destination: 'pga-plant', mapping: 'declaration-to-plant-health', format: 'json' },
    { destination: 'customs', mapping: null, format: 'wco-json' },
  ]) {
    it(`gives the same bytes from the kept WCO JSON as from the XML original (${delivery.mapping ?? delivery.format})`, async () => {
      const fromXml = await renderFor(mappings, { original, name: 'original', content: xml }, delivery);
      const fromKept = await renderFor(mappings, { original, name: WCO_JSON_DOCUMENT, content: keptWcoJson }, delivery);
      expect(fromKept).toEqual(fromXml);
      expect(fromKept.name).toBe(`to-${delivery.destination}`);
    });
  }
});
