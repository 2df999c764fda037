import { wcoJsonToXmlString, wcoXmlToJson } from '../documents/wco/codec.js';
import { parseWcoJson, type WcoJsonObject } from '../documents/wco/json.js';
import { type NamespaceProfile, WCO_NAMESPACES } from '../documents/wco/namespaces.js';
import { finding, RejectionError } from '../findings.js';
import { sha256Hex } from '../hashing.js';
import type { MappingCatalogue } from '../mapping/catalogue.js';
import type { ProvDerivation } from '../provenance/record.js';
import type { DeliveryRow, DocumentRow } from '../store/exchange-tables.js';
import { WCO_JSON_DOCUMENT } from './vocabulary.js';

export interface Rendered {
  /** `original` when the destination takes the document as it came, else `to-<destination>`. */
  name: string;
  /** Bytes when it is the original as stored, else the text made for the destination. */
  body: string | Buffer;
  mediaType: string;
  sha256: string;
  /** The mapping that made it, for the provenance log. */
  derivedFrom?: ProvDerivation;
}

const XML = 'application/xml';
const JSON_TYPE = 'application/json';

/**
 * What a rendering starts from: the original's text, or — for a destination that takes WCO
 * JSON — the WCO JSON ingest kept of an XML original, which spares parsing the XML again.
 */
export interface RenderSource {
  original: Pick<DocumentRow, 'media_type' | 'sha256'>;
  name: 'original' | typeof WCO_JSON_DOCUMENT;
  /** As the store hands it over: bytes are decoded only when the document must be read. */
  content: string | Buffer;
}

/** The stored documents a delivery can render from, best first (the kept WCO JSON may not exist). */
export function renderSourceNames(
  mappings: MappingCatalogue,
  delivery: Pick<DeliveryRow, 'format' | 'mapping'>,
  originalMediaType: string,
): Array<RenderSource['name']> {
  const takesWcoJson = delivery.mapping ? mappings.get(delivery.mapping)?.from === 'wco-json' : delivery.format === 'wco-json';
  return takesWcoJson && originalMediaType === XML ? [WCO_JSON_DOCUMENT, 'original'] : ['original'];
}

/**
 * The document as a destination takes it: through the agreement's mapping when it names one,
 * else converted between WCO XML and WCO JSON when the formats differ, else as it came.
 */
export async function renderFor(
  mappings: MappingCatalogue,
  from: RenderSource,
  delivery: Pick<DeliveryRow, 'destination' | 'format' | 'mapping'>,
  /** The WCO DM namespaces the original came in (the sender's) and those XML is written in for the destination. */
  profiles: { source?: NamespaceProfile | undefined; target?: NamespaceProfile | undefined } = {},
): Promise<Rendered> {
  const source = profiles.source ?? WCO_NAMESPACES;
  const target = profiles.target ?? WCO_NAMESPACES;
  const name = `to-${delivery.destination}`;
  const { original } = from;
  const originalIsXml = original.media_type === XML;
  const text = () => (typeof from.content === 'string' ? from.content : from.content.toString('utf8'));
  const wcoJson = (): WcoJsonObject =>
    from.name === WCO_JSON_DOCUMENT ? (JSON.parse(text()) as WcoJsonObject) : originalIsXml ? asWcoJson(text(), source) : parseWcoJson(text());
  if (delivery.mapping) {
    // WCO JSON mappings take the declaration as WCO JSON whatever form it came in; others take the stored text.
    const input = mappings.get(delivery.mapping)?.from === 'wco-json' ? wcoJson() : text();
    const mapped = await mappings.apply(delivery.mapping, input);
    const output =
      typeof mapped.output === 'string'
        ? mapped.output
        : delivery.format === 'wco-xml'
          ? wcoJsonToXmlString(mapped.output as WcoJsonObject, target)
          : JSON.stringify(mapped.output);
    const mediaType = typeof mapped.output === 'string' || delivery.format === 'wco-xml' ? XML : JSON_TYPE;
    return { name, body: output, mediaType, sha256: sha256Hex(output), derivedFrom: { entity: original.sha256, ...mapped.provenance } };
  }
  if (delivery.format === 'wco-json' && originalIsXml) return converted(name, from.name === WCO_JSON_DOCUMENT ? text() : JSON.stringify(wcoJson()), JSON_TYPE);
  // WCO XML in one partner's namespaces, for a destination with others: rewritten in the destination's.
  if (delivery.format === 'wco-xml' && originalIsXml && source !== target) return converted(name, wcoJsonToXmlString(wcoJson(), target), XML);
  if (delivery.format === 'wco-xml' && !originalIsXml) return converted(name, wcoJsonToXmlString(wcoJson(), target), XML);
  return { name: 'original', body: from.content, mediaType: original.media_type, sha256: original.sha256 };
}

const converted = (name: string, body: string, mediaType: string): Rendered => ({ name, body, mediaType, sha256: sha256Hex(body) });

/** A stored original was valid WCO XML when it was accepted; failing here means the store was tampered with. */
function asWcoJson(xml: string, profile: NamespaceProfile): WcoJsonObject {
  const { json } = wcoXmlToJson(xml, profile);
  if (!json) throw new RejectionError(500, 'Stored document unreadable', [finding('render.unreadable', 'The stored original no longer converts to WCO JSON.')]);
  return json;
}
