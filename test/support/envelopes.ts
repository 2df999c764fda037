import type { EnvelopeHeader } from '../../src/trust/envelope.js';

/** The header of a declaration partner-xb sends this gateway, created now unless `overrides` say otherwise. */
export const partnerEnvelopeHeader = (messageId: string, overrides: Partial<EnvelopeHeader> = {}): EnvelopeHeader => ({
  messageId,
  conversationId: `conv-${messageId}`,
  from: 'partner-xb',
  to: 'gateway',
  documentKind: 'declaration',
  createdAt: new Date().toISOString(),
  ...overrides,
});
