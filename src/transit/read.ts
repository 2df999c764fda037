/**
 * The facts a movement needs, read from a schema-valid CTC message (validate.ts first: these
 * readers trust the structure the XSD guarantees and only pick values out).
 */
import { type XmlElement, childrenNamed, firstChild, textOf } from '../documents/xml/parse.js';
import { officeCountry } from './references.js';

/** The header every CTC message starts with (htypes.xsd, group MESSAGE). */
export interface MessageHeader {
  messageSender: string;
  messageRecipient: string;
  preparationDateAndTime: string;
  messageIdentification: string;
  messageType: string;
  correlationIdentifier?: string;
}

export interface OfficeFacts {
  referenceNumber: string;
  /** Its first two letters. */
  country: string;
}

export interface GuaranteeReferenceFacts {
  grn?: string;
  accessCode?: string;
  /** Decimal string as written (up to 16 digits, 2 decimals in the schema); never a float. */
  amountToBeCovered?: string;
  currency?: string;
}

export interface GuaranteeFacts {
  /** CL251: 0, 1, 2, 4, 9 carry a GRN; 3 cash, 5 guarantee waiver, 7, 8, A, B, R … do not. */
  type: string;
  otherGuaranteeReference?: string;
  references: GuaranteeReferenceFacts[];
}

export interface PartyFacts {
  identificationNumber?: string;
  name?: string;
  country?: string;
}

export interface AuthorisationFacts {
  type: string;
  referenceNumber: string;
}

/** CC015C (and CC013C, its amendment: the same data with an LRN or MRN). */
export interface DepartureFacts {
  header: MessageHeader;
  lrn?: string;
  mrn?: string;
  declarationType: string;
  /** A standard, D pre-lodged (presented later with CC170C). */
  additionalDeclarationType: 'A' | 'D';
  security: string;
  /** Time limit for the goods to reach destination (YYYY-MM-DD), when the declarant states it. */
  limitDate?: string;
  officeOfDeparture: OfficeFacts;
  officeOfDestination: OfficeFacts;
  officesOfTransit: OfficeFacts[];
  officesOfExit: OfficeFacts[];
  holder: PartyFacts & { tirHolderIdentificationNumber?: string };
  representative?: PartyFacts;
  guarantees: GuaranteeFacts[];
  authorisations: AuthorisationFacts[];
  /** Authorised consignee (simplified procedure at destination). */
  authorisedConsignee?: string;
  /** The location of goods' authorisation number, when the goods are at an authorised location. */
  authorisedLocation?: string;
  countryOfDispatch?: string;
  countryOfDestination?: string;
  grossMass?: string;
  houseConsignmentCount: number;
  consignmentItemCount: number;
}

/** CC007C. */
export interface ArrivalFacts {
  header: MessageHeader;
  mrn: string;
  arrivalNotificationDateAndTime: string;
  /** Authorised consignee: unloading permission (CC043C) first, then unloading remarks. */
  simplifiedProcedure: boolean;
  incidentFlag: boolean;
  officeOfDestination: OfficeFacts;
  traderAtDestination: string;
  authorisations: AuthorisationFacts[];
}

/** CC044C. */
export interface UnloadingRemarksFacts {
  header: MessageHeader;
  mrn: string;
  officeOfDestination: OfficeFacts;
  traderAtDestination: string;
  conform: boolean;
  unloadingCompletion: boolean;
  unloadingDate: string;
  stateOfSeals?: string;
}

/** CC014C. */
export interface InvalidationRequestFacts {
  header: MessageHeader;
  lrn?: string;
  mrn?: string;
  officeOfDeparture: OfficeFacts;
  holder: PartyFacts;
  justification?: string;
}

/** CC170C. */
export interface PresentationFacts {
  header: MessageHeader;
  lrn: string;
  officeOfDeparture: OfficeFacts;
  holder: PartyFacts;
}

/** The text of the first child of that name (children are unqualified in CTC messages), trimmed. */
function text(parent: XmlElement | undefined, name: string): string | undefined {
  const child = parent ? firstChild(parent, '', name) : undefined;
  return child ? textOf(child).trim() : undefined;
}

/** For elements the schema requires: validate.ts has made sure they are there. */
function required(parent: XmlElement | undefined, name: string): string {
  const value = text(parent, name);
  if (value === undefined) throw new Error(`${name} is missing: read only messages validateCtcMessage accepted`);
  return value;
}

const child = (parent: XmlElement | undefined, name: string) => (parent ? firstChild(parent, '', name) : undefined);
const children = (parent: XmlElement | undefined, name: string) => (parent ? childrenNamed(parent, '', name) : []);

function office(parent: XmlElement | undefined): OfficeFacts {
  const referenceNumber = required(parent, 'referenceNumber');
  return { referenceNumber, country: officeCountry(referenceNumber) };
}

function party(el: XmlElement | undefined): PartyFacts {
  const facts: PartyFacts = {};
  const id = text(el, 'identificationNumber');
  const name = text(el, 'name');
  const country = text(child(el, 'Address'), 'country');
  if (id !== undefined) facts.identificationNumber = id;
  if (name !== undefined) facts.name = name;
  if (country !== undefined) facts.country = country;
  return facts;
}

function authorisations(document: XmlElement): AuthorisationFacts[] {
  return children(document, 'Authorisation').map((a) => ({ type: required(a, 'type'), referenceNumber: required(a, 'referenceNumber') }));
}

const flag = (value: string | undefined) => value === '1';

export function readHeader(document: XmlElement): MessageHeader {
  const header: MessageHeader = {
    messageSender: required(document, 'messageSender'),
    messageRecipient: required(document, 'messageRecipient'),
    preparationDateAndTime: required(document, 'preparationDateAndTime'),
    messageIdentification: required(document, 'messageIdentification'),
    messageType: required(document, 'messageType'),
  };
  const correlation = text(document, 'correlationIdentifier');
  if (correlation !== undefined) header.correlationIdentifier = correlation;
  return header;
}

/** From a CC015C or CC013C. */
export function readDeparture(document: XmlElement): DepartureFacts {
  const operation = child(document, 'TransitOperation');
  const consignment = child(document, 'Consignment');
  const houses = children(consignment, 'HouseConsignment');
  const holderEl = child(document, 'HolderOfTheTransitProcedure');
  const auths = authorisations(document);
  const facts: DepartureFacts = {
    header: readHeader(document),
    declarationType: required(operation, 'declarationType'),
    additionalDeclarationType: required(operation, 'additionalDeclarationType') === 'D' ? 'D' : 'A',
    security: required(operation, 'security'),
    officeOfDeparture: office(child(document, 'CustomsOfficeOfDeparture')),
    officeOfDestination: office(child(document, 'CustomsOfficeOfDestinationDeclared')),
    officesOfTransit: children(document, 'CustomsOfficeOfTransitDeclared').map(office),
    officesOfExit: children(document, 'CustomsOfficeOfExitForTransitDeclared').map(office),
    holder: party(holderEl),
    guarantees: children(document, 'Guarantee').map((g) => {
      const guarantee: GuaranteeFacts = {
        type: required(g, 'guaranteeType'),
        references: children(g, 'GuaranteeReference').map((r) => {
          const reference: GuaranteeReferenceFacts = {};
          for (const [key, name] of [
            ['grn', 'GRN'],
            ['accessCode', 'accessCode'],
            ['amountToBeCovered', 'amountToBeCovered'],
            ['currency', 'currency'],
          ] as const) {
            const value = text(r, name);
            if (value !== undefined) reference[key] = value;
          }
          return reference;
        }),
      };
      const other = text(g, 'otherGuaranteeReference');
      if (other !== undefined) guarantee.otherGuaranteeReference = other;
      return guarantee;
    }),
    authorisations: auths,
    houseConsignmentCount: houses.length,
    consignmentItemCount: houses.reduce((n, h) => n + children(h, 'ConsignmentItem').length, 0),
  };
  const optional: Array<[keyof DepartureFacts, string | undefined]> = [
    ['lrn', text(operation, 'LRN')],
    ['mrn', text(operation, 'MRN')],
    ['limitDate', text(operation, 'limitDate')],
    ['authorisedConsignee', auths.find((a) => a.type === 'C522')?.referenceNumber],
    ['authorisedLocation', text(child(consignment, 'LocationOfGoods'), 'authorisationNumber')],
    ['countryOfDispatch', text(consignment, 'countryOfDispatch')],
    ['countryOfDestination', text(consignment, 'countryOfDestination')],
    ['grossMass', text(consignment, 'grossMass')],
  ];
  for (const [key, value] of optional) if (value !== undefined) (facts as unknown as Record<string, unknown>)[key] = value;
  const tir = text(holderEl, 'TIRHolderIdentificationNumber');
  if (tir !== undefined) facts.holder.tirHolderIdentificationNumber = tir;
  const representative = child(document, 'Representative');
  if (representative) facts.representative = party(representative);
  return facts;
}

export function readArrival(document: XmlElement): ArrivalFacts {
  const operation = child(document, 'TransitOperation');
  return {
    header: readHeader(document),
    mrn: required(operation, 'MRN'),
    arrivalNotificationDateAndTime: required(operation, 'arrivalNotificationDateAndTime'),
    simplifiedProcedure: flag(text(operation, 'simplifiedProcedure')),
    incidentFlag: flag(text(operation, 'incidentFlag')),
    officeOfDestination: office(child(document, 'CustomsOfficeOfDestinationActual')),
    traderAtDestination: required(child(document, 'TraderAtDestination'), 'identificationNumber'),
    authorisations: authorisations(document),
  };
}

export function readUnloadingRemarks(document: XmlElement): UnloadingRemarksFacts {
  const remark = child(document, 'UnloadingRemark');
  const facts: UnloadingRemarksFacts = {
    header: readHeader(document),
    mrn: required(child(document, 'TransitOperation'), 'MRN'),
    officeOfDestination: office(child(document, 'CustomsOfficeOfDestinationActual')),
    traderAtDestination: required(child(document, 'TraderAtDestination'), 'identificationNumber'),
    conform: flag(text(remark, 'conform')),
    unloadingCompletion: flag(text(remark, 'unloadingCompletion')),
    unloadingDate: required(remark, 'unloadingDate'),
  };
  const seals = text(remark, 'stateOfSeals');
  if (seals !== undefined) facts.stateOfSeals = seals;
  return facts;
}

export function readInvalidationRequest(document: XmlElement): InvalidationRequestFacts {
  const operation = child(document, 'TransitOperation');
  const facts: InvalidationRequestFacts = {
    header: readHeader(document),
    officeOfDeparture: office(child(document, 'CustomsOfficeOfDeparture')),
    holder: party(child(document, 'HolderOfTheTransitProcedure')),
  };
  const lrn = text(operation, 'LRN');
  const mrn = text(operation, 'MRN');
  const justification = text(child(document, 'Invalidation'), 'justification');
  if (lrn !== undefined) facts.lrn = lrn;
  if (mrn !== undefined) facts.mrn = mrn;
  if (justification !== undefined) facts.justification = justification;
  return facts;
}

export function readPresentation(document: XmlElement): PresentationFacts {
  return {
    header: readHeader(document),
    lrn: required(child(document, 'TransitOperation'), 'LRN'),
    officeOfDeparture: office(child(document, 'CustomsOfficeOfDeparture')),
    holder: party(child(document, 'HolderOfTheTransitProcedure')),
  };
}
