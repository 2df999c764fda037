/**
 * The facts a movement needs, read from a schema-valid CTC message (validate.ts first: these
 * readers trust the structure the XSD guarantees and only pick values out).
 */
import type { XmlElement } from '../documents/xml/parse.js';

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

export function readHeader(document: XmlElement): MessageHeader {
  void document;
  throw new Error('not implemented yet');
}

/** From a CC015C or CC013C. */
export function readDeparture(document: XmlElement): DepartureFacts {
  void document;
  throw new Error('not implemented yet');
}

export function readArrival(document: XmlElement): ArrivalFacts {
  void document;
  throw new Error('not implemented yet');
}

export function readUnloadingRemarks(document: XmlElement): UnloadingRemarksFacts {
  void document;
  throw new Error('not implemented yet');
}

export function readInvalidationRequest(document: XmlElement): InvalidationRequestFacts {
  void document;
  throw new Error('not implemented yet');
}

export function readPresentation(document: XmlElement): PresentationFacts {
  void document;
  throw new Error('not implemented yet');
}
