/**
 * The CTC phase 5 messages swgate reads or writes, and the words NCTS uses about them. The
 * namespace is the CTC schemas' target namespace: only the root element is in it (the schemas'
 * elementFormDefault is unqualified), so every child is read in no namespace.
 */
export const NCTS_NS = 'http://ncts.dgtaxud.ec';

/** Every message type there is an XSD for (config/ncts5/xsd/ccNNNc.xsd). */
export const CTC_MESSAGE_TYPES = [
  'CC004C',
  'CC007C',
  'CC009C',
  'CC013C',
  'CC014C',
  'CC015C',
  'CC017C',
  'CC019C',
  'CC022C',
  'CC023C',
  'CC025C',
  'CC028C',
  'CC029C',
  'CC035C',
  'CC040C',
  'CC042C',
  'CC043C',
  'CC044C',
  'CC045C',
  'CC048C',
  'CC051C',
  'CC055C',
  'CC056C',
  'CC057C',
  'CC060C',
  'CC170C',
  'CC182C',
  'CC190C',
  'CC191C',
  'CC228C',
  'CC906C',
  'CC917C',
  'CC928C',
] as const;
export type CtcMessageType = (typeof CTC_MESSAGE_TYPES)[number];

/** What traders send to the gateway. */
export const TRADER_MESSAGE_TYPES = ['CC007C', 'CC013C', 'CC014C', 'CC015C', 'CC044C', 'CC170C'] as const satisfies readonly CtcMessageType[];
export type TraderMessageType = (typeof TRADER_MESSAGE_TYPES)[number];

export function isCtcMessageType(name: string): name is CtcMessageType {
  return (CTC_MESSAGE_TYPES as readonly string[]).includes(name);
}

/** The name the CTC Traders API lists a message under: CC015C → IE015. */
export function ieName(type: CtcMessageType): string {
  return `IE${type.slice(2, 5)}`;
}

/**
 * NCTS functional error codes (code list CL180) a finding carries as `errorCode`:
 * 12 a value breaks its code list or format, 13 a required element is missing, 14 an element is
 * not allowed where it stands, 15 a value is not allowed there, 26 duplicate LRN, 90 unknown MRN,
 * 92 message out of sequence, 93 invalid MRN.
 */
export const NCTS_ERROR_CODES = ['12', '13', '14', '15', '26', '50', '51', '52', '90', '92', '93'] as const;
export type NctsErrorCode = (typeof NCTS_ERROR_CODES)[number];
