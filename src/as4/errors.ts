/**
 * ebMS 3.0 errors (ebMS Core §6.7, AS4 §3.4): the code a partner's access point expects back,
 * with the short description, category and severity the specification gives it.
 */
export const EBMS_ERRORS = {
  'EBMS:0001': { shortDescription: 'ValueNotRecognized', category: 'Content', severity: 'failure' },
  'EBMS:0002': { shortDescription: 'FeatureNotSupported', category: 'Content', severity: 'warning' },
  'EBMS:0003': { shortDescription: 'ValueInconsistent', category: 'Content', severity: 'failure' },
  'EBMS:0004': { shortDescription: 'Other', category: 'Content', severity: 'failure' },
  'EBMS:0005': { shortDescription: 'ConnectionFailure', category: 'Communication', severity: 'failure' },
  'EBMS:0006': { shortDescription: 'EmptyMessagePartitionChannel', category: 'Communication', severity: 'warning' },
  'EBMS:0007': { shortDescription: 'MimeInconsistency', category: 'Unpackaging', severity: 'failure' },
  'EBMS:0008': { shortDescription: 'FeatureNotSupported', category: 'Unpackaging', severity: 'failure' },
  'EBMS:0009': { shortDescription: 'InvalidHeader', category: 'Unpackaging', severity: 'failure' },
  'EBMS:0010': { shortDescription: 'ProcessingModeMismatch', category: 'Processing', severity: 'failure' },
  'EBMS:0011': { shortDescription: 'ExternalPayloadError', category: 'Content', severity: 'failure' },
  'EBMS:0101': { shortDescription: 'FailedAuthentication', category: 'Processing', severity: 'failure' },
  'EBMS:0102': { shortDescription: 'FailedDecryption', category: 'Processing', severity: 'failure' },
  'EBMS:0103': { shortDescription: 'PolicyNoncompliance', category: 'Processing', severity: 'failure' },
  'EBMS:0201': { shortDescription: 'DysfunctionalReliability', category: 'Processing', severity: 'failure' },
  'EBMS:0202': { shortDescription: 'DeliveryFailure', category: 'Communication', severity: 'failure' },
  'EBMS:0301': { shortDescription: 'MissingReceipt', category: 'Communication', severity: 'failure' },
  'EBMS:0302': { shortDescription: 'InvalidReceipt', category: 'Communication', severity: 'failure' },
  'EBMS:0303': { shortDescription: 'DecompressionFailure', category: 'Communication', severity: 'failure' },
} as const;

export type EbmsErrorCode = keyof typeof EBMS_ERRORS;

/**
 * A message swgate refuses, with the ebMS code to answer it with. `detail` is for the operator
 * (logs, CLI) and goes into the Error signal's ErrorDetail; it never carries key material.
 */
export class As4Error extends Error {
  override name = 'As4Error';
  constructor(
    readonly code: EbmsErrorCode,
    readonly detail: string,
    /** The MessageId of the message in error, when it could be read. */
    readonly refToMessageInError?: string,
  ) {
    super(`${code} ${EBMS_ERRORS[code].shortDescription}: ${detail}`);
  }
}

export function as4Error(code: EbmsErrorCode, detail: string, refToMessageInError?: string): As4Error {
  return new As4Error(code, detail, refToMessageInError);
}
