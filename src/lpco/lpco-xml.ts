/**
 * The XML form of swgate's LPCO, in WCO DM style (element names as in the WCO DM
 * AdditionalDocument, GoodsShipment and goods item classes), namespace urn:swgate:lpco:1:
 *
 *   <LPCO xmlns="urn:swgate:lpco:1">
 *     <CategoryCode>N</CategoryCode> <TypeCode>851</TypeCode>        documentCode = "N851"
 *     <ID>NO-2026-000123</ID>                                         number
 *     <IssueDateTime>2026-01-10T00:00:00Z</IssueDateTime>             issuedAt
 *     <StatusCode>issued</StatusCode>                                 status
 *     <Issuer><Name>Mattilsynet</Name><CountryCode>NO</CountryCode></Issuer>      issuer.agency, issuer.country
 *     <Holder><ID>GB123456789000</ID><Name>…</Name></Holder>                      holder.id, holder.name
 *     <ValidityPeriod><StartDate>2026-01-10</StartDate><EndDate>2026-03-10</EndDate></ValidityPeriod>
 *     <ReplacedDocument><ID>NO-2026-000100</ID></ReplacedDocument>    replaces (optional)
 *     <ExportCountry><ID>NO</ID></ExportCountry> <ImportCountry><ID>GB</ID></ImportCountry>
 *     <GoodsItem>                                                     lines[], one or more
 *       <SequenceNumeric>1</SequenceNumeric> <Description>…</Description>
 *       <Classification><ID>060290</ID></Classification>             hsCode
 *       <QuantityQuantity unitCode="KGM">100.000</QuantityQuantity>  quantity, unit
 *       <Origin><CountryCode>NO</CountryCode></Origin>
 *     </GoodsItem>
 *   </LPCO>
 *
 * It is read into the JSON form and validated there, so both forms have one set of rules and
 * findings point (JSON pointer) into the JSON form, with the XPath as well where it helps.
 */
import { RejectionError, finding, type Finding } from '../findings.js';
import { parseXml, type XmlLimits } from '../documents/xml/parse.js';
import { attributeValue, childElements, firstChild, textOf, type XmlElement } from '../documents/xml/tree.js';
import { readLpco, type Lpco } from './lpco.js';

const LPCO_XML_NAMESPACE = 'urn:swgate:lpco:1';

/** The child elements each element may have; anything else is refused rather than silently dropped. */
const ALLOWED_CHILDREN: Record<string, readonly string[]> = {
  LPCO: [
    'CategoryCode',
    'TypeCode',
    'ID',
    'IssueDateTime',
    'StatusCode',
    'Issuer',
    'Holder',
    'ValidityPeriod',
    'ReplacedDocument',
    'ExportCountry',
    'ImportCountry',
    'GoodsItem',
  ],
  Issuer: ['Name', 'CountryCode'],
  Holder: ['ID', 'Name'],
  ValidityPeriod: ['StartDate', 'EndDate'],
  ReplacedDocument: ['ID'],
  ExportCountry: ['ID'],
  ImportCountry: ['ID'],
  GoodsItem: ['SequenceNumeric', 'Description', 'Classification', 'QuantityQuantity', 'Origin'],
  Classification: ['ID'],
  Origin: ['CountryCode'],
};

export function readLpcoXml(input: Buffer | string, limits: Partial<XmlLimits> = {}): Lpco {
  const root = parseXml(input, limits);
  if (root.ns !== LPCO_XML_NAMESPACE || root.name !== 'LPCO') {
    throw new RejectionError(422, 'Not an LPCO', [
      finding('lpco.xml.root', `Expected root LPCO in namespace ${LPCO_XML_NAMESPACE}; found ${root.name} in ${root.ns || 'no namespace'}`, '/'),
    ]);
  }
  const unexpected = unexpectedElements(root, '/LPCO');
  if (unexpected.length > 0) throw new RejectionError(422, 'Invalid LPCO', unexpected);
  return readLpco(jsonForm(root));
}

function unexpectedElements(el: XmlElement, xpath: string): Finding[] {
  const allowed = ALLOWED_CHILDREN[el.name] ?? [];
  return childElements(el).flatMap((child) => {
    const childPath = `${xpath}/${child.name}`;
    if (child.ns === LPCO_XML_NAMESPACE && allowed.includes(child.name)) return unexpectedElements(child, childPath);
    const found = finding(
      'lpco.xml.unexpected-element',
      `${el.name} has no child ${child.name}${child.ns === LPCO_XML_NAMESPACE ? '' : ` in namespace ${child.ns || '(none)'}`} (line ${child.line})`,
      '',
    );
    return [{ ...found, xpath: childPath }];
  });
}

/** Text at a path of child elements, or undefined when an element is missing (the schema then names it). */
function textAt(el: XmlElement, ...path: string[]): string | undefined {
  let current: XmlElement | undefined = el;
  for (const name of path) current = current && firstChild(current, LPCO_XML_NAMESPACE, name);
  return current && textOf(current).trim();
}

function jsonForm(root: XmlElement): unknown {
  const category = textAt(root, 'CategoryCode');
  const type = textAt(root, 'TypeCode');
  const replaces = textAt(root, 'ReplacedDocument', 'ID');
  const lines = childElements(root)
    .filter((c) => c.ns === LPCO_XML_NAMESPACE && c.name === 'GoodsItem')
    .map((item) => {
      const quantity = firstChild(item, LPCO_XML_NAMESPACE, 'QuantityQuantity');
      return {
        sequence: textAt(item, 'SequenceNumeric'),
        description: textAt(item, 'Description'),
        hsCode: textAt(item, 'Classification', 'ID'),
        quantity: quantity && textOf(quantity).trim(),
        unit: quantity && attributeValue(quantity, '', 'unitCode'),
        origin: textAt(item, 'Origin', 'CountryCode'),
      };
    });
  const json = {
    documentCode: category === undefined || type === undefined ? undefined : category + type,
    number: textAt(root, 'ID'),
    issuer: { agency: textAt(root, 'Issuer', 'Name'), country: textAt(root, 'Issuer', 'CountryCode') },
    holder: { id: textAt(root, 'Holder', 'ID'), name: textAt(root, 'Holder', 'Name') },
    issuedAt: textAt(root, 'IssueDateTime'),
    validFrom: textAt(root, 'ValidityPeriod', 'StartDate'),
    validUntil: textAt(root, 'ValidityPeriod', 'EndDate'),
    status: textAt(root, 'StatusCode'),
    ...(replaces === undefined ? {} : { replaces }),
    exportCountry: textAt(root, 'ExportCountry', 'ID'),
    importCountry: textAt(root, 'ImportCountry', 'ID'),
    lines,
  };
  // Missing elements become missing properties, which the schema reports as "required".
  return JSON.parse(JSON.stringify(json));
}
