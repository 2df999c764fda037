/**
 * The ebMS 3.0 header as plain data: what `readAs4Message` returns and what the builders take.
 * Names follow the ebMS schema (MessageInfo, PartyInfo, CollaborationInfo…) so that an operator
 * reading `swgate as4 inspect` output recognises them.
 */
export interface MessageInfo {
  messageId: string;
  /** xsd:dateTime as sent (checked to be a real instant). */
  timestamp: string;
  refToMessageId?: string;
}

export interface PartyId {
  value: string;
  type?: string;
}

export interface Party {
  partyIds: PartyId[];
  role: string;
}

export interface Property {
  name: string;
  value: string;
  type?: string;
}

export interface PartInfo {
  /** `cid:…` for an attachment, `#id` for a Body element, absent for the Body's single child. */
  href?: string;
  properties: Property[];
}

export interface UserMessage {
  kind: 'user';
  mpc?: string;
  info: MessageInfo;
  from: Party;
  to: Party;
  agreementRef?: { value: string; type?: string; pmode?: string };
  service: { value: string; type?: string };
  action: string;
  conversationId: string;
  properties: Property[];
  parts: PartInfo[];
}

export interface ReceiptSignal {
  kind: 'receipt';
  info: MessageInfo;
  /** Digests of what the receipt acknowledges (ebbp:NonRepudiationInformation), when present. */
  nonRepudiation?: Array<{ uri: string; digestMethod: string; digestValue: string }>;
  /** Whether the receipt carries the acknowledged UserMessage itself (reception awareness without NRR). */
  carriesUserMessage: boolean;
}

export interface ErrorDetail {
  errorCode: string;
  severity: string;
  category?: string;
  shortDescription?: string;
  origin?: string;
  refToMessageInError?: string;
  description?: string;
  detail?: string;
}

export interface ErrorSignal {
  kind: 'error';
  info: MessageInfo;
  errors: ErrorDetail[];
}

export interface PullRequestSignal {
  kind: 'pull';
  info: MessageInfo;
  mpc: string;
}

export type SignalMessage = ReceiptSignal | ErrorSignal | PullRequestSignal;

/** One AS4 message: at most one UserMessage (AS4 forbids bundling) and its signals. */
export interface As4Message {
  soapVersion: '1.1' | '1.2';
  userMessage?: UserMessage;
  signals: SignalMessage[];
  /** Whether the SOAP header holds a wsse:Security header. */
  secured: boolean;
}
