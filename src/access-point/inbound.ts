import type { Payload } from '../as4/read.js';
import type { Participant } from '../config/types.js';
import type { IngestResult } from '../pipeline/ingest.js';
import type { Lodgement } from '../pipeline/lodge.js';
import { ENVELOPE_NS } from '../trust/envelope.js';

/** The pipeline's ways in that an AS4 payload may take. */
export interface As4InboundDeps {
  /** A swgate signed envelope (from another swgate): verified against the partner's trust store as /v1/inbound does. */
  envelope: (partner: Participant, body: Buffer, contentType: string) => Promise<IngestResult>;
  declaration: (l: Lodgement) => Promise<IngestResult>;
  lpco: (l: Lodgement) => Promise<IngestResult>;
}

/** Only the start of a payload is looked at to choose its way in; each way reads the whole document strictly. */
const SNIFF_BYTES = 4096;

/**
 * What an AS4 payload is to the pipeline: a swgate envelope (a partner swgate seals what it
 * sends), or a bare document as an access point such as Domibus carries it, lodged in the
 * partner's name: an e-LPCO when the sender says so (PartProperty documentKind) or it is SPS
 * certificate XML, a declaration otherwise. The AS4 MessageId is the idempotency key.
 */
export async function handPayload(deps: As4InboundDeps, partner: Participant, payload: Payload, messageId: string): Promise<IngestResult> {
  const mediaType = payload.mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  const head = payload.content.subarray(0, SNIFF_BYTES).toString('utf8');
  if (mediaType === 'application/jose' || (head.includes(ENVELOPE_NS) && /^\s*(<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*:)?Envelope[\s>]/.test(head)))
    return deps.envelope(partner, payload.content, mediaType === 'application/jose' ? mediaType : 'application/xml');
  const format = mediaType.endsWith('json') ? 'wco-json' : 'wco-xml';
  const declared = payload.properties.find((p) => p.name === 'documentKind')?.value;
  const lodgement: Lodgement = { sender: partner, body: payload.content, format, idempotencyKey: messageId };
  if (declared === 'lpco' || /<([A-Za-z_][\w.-]*:)?SPSCertificate[\s>]/.test(head)) return deps.lpco(lodgement);
  return deps.declaration(lodgement);
}
