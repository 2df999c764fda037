/**
 * Reception awareness on the sending side: is this signal the receipt for what we sent? A
 * non-repudiation receipt must name our MessageId and return, digest for digest, every
 * reference we signed; anything less is EBMS:0302 InvalidReceipt. An Error signal for our
 * message is handed back as the As4Errors it carries.
 */
import { type As4Error, as4Error, EBMS_ERRORS, type EbmsErrorCode } from './errors.js';
import type { As4Message } from './message.js';

export type ReceiptOutcome = { kind: 'receipt' } | { kind: 'error'; errors: As4Error[] };

/**
 * Checks the answer to a sent UserMessage. `signedReferences` are the sent message's
 * (BuiltMessage.signedReferences); empty for an unsigned message, whose receipt then only has
 * to name it.
 */
export function checkReceipt(
  answer: As4Message,
  sent: { messageId: string; signedReferences: ReadonlyArray<{ uri: string; digestValue: string }> },
): ReceiptOutcome {
  const signal = answer.signals.find(
    (s) => s.info.refToMessageId === sent.messageId || (s.kind === 'error' && s.errors.some((e) => e.refToMessageInError === sent.messageId)),
  );
  if (!signal) throw as4Error('EBMS:0302', `The answer holds no receipt or error for ${sent.messageId}`, sent.messageId);
  if (signal.kind === 'error') {
    return {
      kind: 'error',
      errors: signal.errors.map((e) =>
        as4Error(
          Object.hasOwn(EBMS_ERRORS, e.errorCode) ? (e.errorCode as EbmsErrorCode) : 'EBMS:0004',
          e.detail ?? e.description ?? e.shortDescription ?? e.errorCode,
          sent.messageId,
        ),
      ),
    };
  }
  if (signal.kind !== 'receipt') throw as4Error('EBMS:0302', `The answer to ${sent.messageId} is a ${signal.kind} signal, not a receipt`, sent.messageId);
  if (sent.signedReferences.length > 0) {
    const returned = new Map((signal.nonRepudiation ?? []).map((r) => [r.uri, r.digestValue]));
    const missing = sent.signedReferences.find((r) => returned.get(r.uri) !== r.digestValue);
    if (missing) throw as4Error('EBMS:0302', `The receipt does not return the digest we signed for ${missing.uri}`, sent.messageId);
  }
  return { kind: 'receipt' };
}
