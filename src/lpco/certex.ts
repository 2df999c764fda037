/**
 * The EU's CSW-CERTEX exchange for TRACES NT CHEDs (customs_certex/ched/v06): what the registry
 * reserved on a CHED for a declaration becomes the lpco-to-certex mapping's input (a
 * ProcessedChedRequest), and CERTEX's answers (ProcessedChedInformationResponse,
 * ChedClearanceResponse) are read back, with the registry's own safe XML parser and SOAP reader,
 * into the quantity movements they mean. Codes as DEFRA's published CERTEX samples and capture
 * notes use them (test/fixtures/ephyto/SOURCES.md): reservation failure 05 = quantity
 * insufficient; clearance outcome 01 = released, the reserved quantity written off.
 */
import { RejectionError, finding, type Finding } from '../findings.js';
import { parseXml, type XmlLimits } from '../documents/xml/parse.js';
import { isSoapEnvelope, soapMessage } from '../documents/xml/soap.js';
import { childElements, firstChild, textOf, type XmlElement } from '../documents/xml/tree.js';
import type { DatabaseKind } from '../store/db.js';
import type { LpcoDb } from './registry.js';
import { type LpcoCitation, type Moved, type Reservation, releaseForDeclaration, writeOffForDeclaration } from './write-off.js';

const CERTEX_NAMESPACE = 'http://ec.europa.eu/sanco/tracesnt/customs_certex/ched/v06';
const CERTEX_BASE_NAMESPACE = 'http://ec.europa.eu/sanco/tracesnt/customs_certex/base/v03';
const SPS_NAMESPACE = 'urn:un:unece:uncefact:data:standard:SPSCertificate:17';
const RAM_NAMESPACE = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21';

/** The document codes of TRACES NT CHEDs (see mappings/sps-to-lpco/code-lists/document-codes.json). */
const CHED_DOCUMENT_CODES: ReadonlySet<string> = new Set(['C085', 'C640', 'N853', 'C678']);

/** The lpco-to-certex mapping's input (mappings/lpco-to-certex/input.schema.json). */
export interface CertexRequest {
  chedNumber: string;
  mrn: string;
  customsOffice: string;
  sentAt: string;
  quantityManagement: 'reserve' | 'read-only';
  items: Array<{ goodsItem: string; line: string; hsCode?: string; quantity?: string; unit?: string }>;
}

/**
 * One request per CHED the declaration drew on: its reservations with the goods items' commodity
 * codes (from the citations). A CHED cited without a quantity is only read.
 */
export function certexRequestsOf(
  reservations: readonly Reservation[],
  citations: readonly LpcoCitation[],
  declaration: { mrn: string; customsOffice: string },
  at: Date,
): CertexRequest[] {
  const hsOf = (goodsItem: string) => citations.find((c) => c.goodsItem === goodsItem && c.hsCode !== undefined)?.hsCode;
  const requests = new Map<string, CertexRequest>();
  const requestFor = (number: string, quantityManagement: CertexRequest['quantityManagement']) => {
    const existing = requests.get(number);
    if (existing) return existing;
    const request: CertexRequest = { chedNumber: number, ...declaration, sentAt: at.toISOString(), quantityManagement, items: [] };
    requests.set(number, request);
    return request;
  };
  for (const r of reservations) {
    if (!CHED_DOCUMENT_CODES.has(r.documentCode)) continue;
    const hsCode = hsOf(r.goodsItem);
    requestFor(r.number, 'reserve').items.push({ goodsItem: r.goodsItem, line: r.line, ...(hsCode ? { hsCode } : {}), quantity: r.quantity, unit: r.unit });
  }
  return [...requests.values()];
}

/** What a CERTEX answer says about the declaration's reservations. */
export type CertexOutcome =
  | { message: 'ProcessedChedInformationResponse'; chedNumber?: string; reserved: true }
  | {
      message: 'ProcessedChedInformationResponse';
      chedNumber?: string;
      reserved: false;
      reason: string;
      failedItems: Array<{ goodsItem?: string; line?: string }>;
      finding: Finding;
    }
  | { message: 'ChedClearanceResponse'; outcome: string; released: boolean; finding?: Finding };

const FAILURE_REASONS: Record<string, { code: string; text: string }> = {
  '05': { code: 'lpco.quantity-insufficient', text: 'the quantity left on the CHED is insufficient' },
};

/** Reads a CERTEX answer (SOAP envelope); a 422 with findings for anything else. */
export function readCertexResponse(input: Buffer | string, limits: Partial<XmlLimits> = {}): CertexOutcome {
  const root = parseXml(input, limits);
  if (!isSoapEnvelope(root)) throw notCertex(`Expected a SOAP Envelope; found ${root.name} in ${root.ns || 'no namespace'}`, `/${root.name}`);
  const message = soapMessage(root);
  if (message.ns !== CERTEX_NAMESPACE)
    throw notCertex(
      `Expected a CSW-CERTEX message in ${CERTEX_NAMESPACE}; found ${message.name} in ${message.ns || 'no namespace'}`,
      `/Envelope/Body/${message.name}`,
    );
  const text = (name: string) => trimmedText(firstChild(message, CERTEX_NAMESPACE, name));
  switch (message.name) {
    case 'ProcessedChedInformationResponse': {
      const certificate = firstChild(message, CERTEX_NAMESPACE, 'ChedCertificate');
      const document = certificate && firstChild(certificate, SPS_NAMESPACE, 'SPSCertificate');
      const exchanged = document && firstChild(document, SPS_NAMESPACE, 'SPSExchangedDocument');
      const chedNumber = trimmedText(exchanged && firstChild(exchanged, RAM_NAMESPACE, 'ID'));
      const ched = chedNumber === undefined ? {} : { chedNumber };
      const result = text('ReservationResult');
      if (result === 'true') return { message: message.name, ...ched, reserved: true };
      if (result !== 'false')
        throw notCertex(
          `ReservationResult is ${result === undefined ? 'missing' : `"${result}"`}; CERTEX answers true or false`,
          '/Envelope/Body/ProcessedChedInformationResponse/ReservationResult',
        );
      const reason = text('ReservationFailureReason') ?? '';
      const failedItems = childElements(message)
        .filter((c) => c.ns === CERTEX_NAMESPACE && c.name === 'ReservationFailureConsignmentItem')
        .map((item) => {
          const goodsItem = trimmedText(firstChild(item, CERTEX_BASE_NAMESPACE, 'GoodsItemNumber'));
          const line = trimmedText(firstChild(item, CERTEX_BASE_NAMESPACE, 'DocumentLineItemNumber'));
          return { ...(goodsItem ? { goodsItem } : {}), ...(line ? { line } : {}) };
        });
      const known = FAILURE_REASONS[reason];
      const where = failedItems.map((i) => `goods item ${i.goodsItem ?? '?'} line ${i.line ?? '?'}`).join(', ');
      const refusal = finding(
        known?.code ?? 'lpco.certex-refused',
        `CERTEX refused the reservation on ${chedNumber ?? 'the CHED'}${where ? ` (${where})` : ''}: ${known?.text ?? `reason ${reason || 'not given'}`}`,
      );
      return { message: message.name, ...ched, reserved: false, reason, failedItems, finding: refusal };
    }
    case 'ChedClearanceResponse': {
      const outcome = text('QuantityManagementOutcome') ?? '';
      if (outcome === '01') return { message: message.name, outcome, released: true };
      return {
        message: message.name,
        outcome,
        released: false,
        finding: finding(
          'lpco.certex-not-released',
          `CERTEX did not release the goods (QuantityManagementOutcome ${outcome || 'missing'}): the reservations stay as they are`,
          '',
          'warning',
        ),
      };
    }
    default:
      throw notCertex(
        `${message.name} is not a CERTEX answer swgate reads (ProcessedChedInformationResponse, ChedClearanceResponse)`,
        `/Envelope/Body/${message.name}`,
      );
  }
}

/**
 * The registry follows CERTEX: a refused reservation gives the declaration's reservations back
 * (released), a clearance writes them off; an answer that changes nothing moves nothing.
 */
export async function applyCertexOutcome(
  db: LpcoDb,
  kind: DatabaseKind,
  declarationExchangeId: string,
  outcome: CertexOutcome,
  options: { now?: () => Date; actor?: string } = {},
): Promise<{ moved: Moved[]; findings: Finding[] }> {
  if (outcome.message === 'ProcessedChedInformationResponse') {
    if (outcome.reserved) return { moved: [], findings: [] };
    return { moved: await releaseForDeclaration(db, kind, declarationExchangeId, options), findings: [outcome.finding] };
  }
  if (!outcome.released) return { moved: [], findings: outcome.finding ? [outcome.finding] : [] };
  return { moved: await writeOffForDeclaration(db, declarationExchangeId, options), findings: [] };
}

function trimmedText(el: XmlElement | undefined): string | undefined {
  const value = el && textOf(el).trim();
  return value === '' ? undefined : value;
}

function notCertex(message: string, xpath: string): RejectionError {
  return new RejectionError(422, 'Not a CERTEX answer', [{ ...finding('certex.message', message), xpath }]);
}
