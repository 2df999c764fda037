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

/** Each condition is a predicate; an agreement applies when all its stated conditions hold. */
const checks: { [K in keyof Required<AgreementConditions>]: (wanted: NonNullable<AgreementConditions[K]>, s: RoutingSubject) => boolean } = {
  documentKinds: (wanted, s) => wanted.includes(s.documentKind),
  senderKinds: (wanted, s) => wanted.includes(s.sender.kind),
  hsChapters: (wanted, s) => (s.facts.hsCodes ?? []).some((c) => wanted.includes(hsChapter(c))),
  hsHeadings: (wanted, s) => (s.facts.hsCodes ?? []).some((c) => wanted.includes(hsHeading(c))),
  declarationDirections: (wanted, s) => s.facts.direction !== undefined && wanted.includes(s.facts.direction),
  procedureCodes: (wanted, s) => (s.facts.procedureCodes ?? []).some((c) => wanted.includes(c)),
  destinationCountries: (wanted, s) => s.facts.destinationCountry != null && wanted.includes(s.facts.destinationCountry),
  exportCountries: (wanted, s) => s.facts.exportCountry != null && wanted.includes(s.facts.exportCountry),
  citedDocumentCodes: (wanted, s) => (s.facts.citedDocumentCodes ?? []).some((c) => wanted.includes(c)),
};

function agreementApplies(agreement: Agreement, subject: RoutingSubject): boolean {
  return (Object.keys(agreement.when) as Array<keyof AgreementConditions>).every((key) => {
    const wanted = agreement.when[key];
    return wanted === undefined || (checks[key] as (w: unknown, s: RoutingSubject) => boolean)(wanted, subject);
  });
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
