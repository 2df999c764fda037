/**
 * Reading a CTC message safely (the gateway's XML rules: no DTD, no entities, size and depth
 * limits) and validating it against the CTC phase 5 XSD of its type, with findings that carry
 * the NCTS error pointer and functional error code a CC056C would show.
 */
import type { Finding } from '../findings.js';
import type { XmlElement, XmlLimits } from '../documents/xml/parse.js';
import type { CtcMessageType, NctsErrorCode } from './message-types.js';

/** A finding in the gateway's shape, plus what NCTS would put in a FunctionalError. */
export interface TransitFinding extends Finding {
  /** NCTS-style pointer: `/CC015C/TransitOperation/LRN` (element names, no indexes). */
  errorPointer: string;
  errorCode: NctsErrorCode;
  /** The offending value, when there is one (CC056C originalAttributeValue). */
  originalAttributeValue?: string;
}

export interface CtcValidation {
  type: CtcMessageType;
  /** The parsed root element (ncts:CCnnnC). */
  document: XmlElement;
  /** Empty when the message is schema-valid. */
  findings: TransitFinding[];
}

export interface ValidateOptions {
  /** The message types this route takes; any other root is refused (400). Default: all. */
  expect?: readonly CtcMessageType[];
  limits?: Partial<XmlLimits>;
  /** Stop at the first finding (faster for the common valid case); default false: all findings. */
  firstOnly?: boolean;
}

/**
 * Validates one CTC message. Throws RejectionError (400) when it cannot be read (not
 * well-formed, DTD, too large or deep) or is not a CTC message of an expected type; otherwise
 * answers its type, tree and schema findings (422 material when there are any).
 */
export function validateCtcMessage(xml: Buffer | string, options: ValidateOptions = {}): CtcValidation {
  void xml;
  void options;
  throw new Error('not implemented yet');
}
