import type { Agreement, AgreementConditions, Participant } from '../config/types.js';
import type { DeclarationFacts } from '../documents/declaration.js';

/** What routing knows about a document: its kind, who sent it, and the facts read from it. */
export interface RoutingSubject {
  documentKind: string;
  sender: Participant;
  facts: Partial<DeclarationFacts>;
}

const hsChapter = (code: string) => code.slice(0, 2);
const hsHeading = (code: string) => code.slice(0, 4);

/**
 * What the document shows for each condition: an agreement's condition holds when the document
 * shows one of the values it wants.
 */
const shown: { [K in keyof Required<AgreementConditions>]: (s: RoutingSubject) => readonly string[] } = {
  documentKinds: (s) => [s.documentKind],
  senderKinds: (s) => [s.sender.kind],
  hsChapters: (s) => (s.facts.hsCodes ?? []).map(hsChapter),
  hsHeadings: (s) => (s.facts.hsCodes ?? []).map(hsHeading),
  declarationDirections: (s) => (s.facts.direction === undefined ? [] : [s.facts.direction]),
  procedureCodes: (s) => s.facts.procedureCodes ?? [],
  destinationCountries: (s) => (s.facts.destinationCountry == null ? [] : [s.facts.destinationCountry]),
  exportCountries: (s) => (s.facts.exportCountry == null ? [] : [s.facts.exportCountry]),
  citedDocumentCodes: (s) => s.facts.citedDocumentCodes ?? [],
};

const stated = (agreement: Agreement) =>
  (Object.keys(agreement.when) as Array<keyof AgreementConditions>).flatMap((key) => {
    const wanted = agreement.when[key] as readonly string[] | undefined;
    return wanted === undefined ? [] : [{ key, wanted }];
  });

function agreementApplies(agreement: Agreement, subject: RoutingSubject): boolean {
  return stated(agreement).every(({ key, wanted }) => shown[key](subject).some((v) => wanted.includes(v)));
}

/**
 * The agreements that route this document, one per destination (the first agreement that
 * names a destination wins, so the order in the configuration is the order of precedence).
 * A destination is never the sender itself.
 */
export function routeDocument(agreements: readonly Agreement[], subject: RoutingSubject): Agreement[] {
  const chosen = new Map<string, Agreement>();
  for (const agreement of agreements) {
    if (agreement.destination === subject.sender.id || chosen.has(agreement.destination)) continue;
    if (agreementApplies(agreement, subject)) chosen.set(agreement.destination, agreement);
  }
  return [...chosen.values()];
}

/** Why an agreement did or did not route the document: one line per condition, as an operator reads it. */
export interface RoutingExplanation {
  /** The agreements routeDocument chose, and the conditions that held. */
  matched: Array<{ agreement: Agreement; because: string[] }>;
  /** Every other agreement, and what kept it out. */
  notMatched: Array<{ agreement: Agreement; because: string[] }>;
}

/**
 * routeDocument, explained (POST /v1/routing/try): the same choice, and for each agreement the
 * conditions that held or failed ("hsChapters 06 matched"; "hsChapters wants 06, 07; the
 * document has 84"), the sender being its destination, or another agreement naming the same
 * destination first. Pure: nothing is stored.
 */
export function explainRouting(agreements: readonly Agreement[], subject: RoutingSubject): RoutingExplanation {
  const chosen = routeDocument(agreements, subject);
  const explanation: RoutingExplanation = { matched: [], notMatched: [] };
  for (const agreement of agreements) {
    const conditions = stated(agreement).map(({ key, wanted }) => {
      const values = [...new Set(shown[key](subject))];
      const hits = values.filter((v) => wanted.includes(v));
      return hits.length > 0
        ? { holds: true, because: `${key} ${hits.join(', ')} matched` }
        : { holds: false, because: `${key} wants ${wanted.join(', ')}; the document has ${values.length > 0 ? values.join(', ') : 'none'}` };
    });
    if (chosen.includes(agreement)) {
      explanation.matched.push({ agreement, because: conditions.length > 0 ? conditions.map((c) => c.because) : ['no conditions: every document'] });
      continue;
    }
    const failed = conditions.filter((c) => !c.holds).map((c) => c.because);
    const first = chosen.find((a) => a.destination === agreement.destination);
    const because =
      agreement.destination === subject.sender.id
        ? [`its destination ${agreement.destination} is the sender`]
        : failed.length > 0
          ? failed
          : [`${agreement.destination} is served by agreement ${first?.id ?? 'earlier'} (the first that names a destination wins)`];
    explanation.notMatched.push({ agreement, because });
  }
  return explanation;
}

/** The agreements a participant may send under: those whose sender conditions it meets. */
export function agreementsFor(agreements: readonly Agreement[], sender: Participant): Agreement[] {
  return agreements.filter((a) => !a.when.senderKinds || a.when.senderKinds.includes(sender.kind));
}

/** The deliveries per second a destination takes: the strictest rate any agreement to it sets, if any does. */
export function ratePerSecondFor(agreements: readonly Agreement[], destination: string): number | undefined {
  const limits = agreements
    .filter((a) => a.destination === destination && a.delivery.ratePerSecond !== undefined)
    .map((a) => a.delivery.ratePerSecond as number);
  return limits.length > 0 ? Math.min(...limits) : undefined;
}
