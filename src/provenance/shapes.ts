import type { Checkpoint } from './checkpoint.js';
import type { ProvenanceRecord } from './record.js';

/**
 * A log entry as the log holds it: the leaf, and the record it commits to with the salt that
 * opens it. Never served as is: who may see the record and salt is decided per reader.
 */
export interface StoredEntry {
  index: number;
  exchangeId: string;
  leafInput: Buffer;
  /** Base64 RFC 9162 leaf hash. */
  leafHash: string;
  record: ProvenanceRecord;
  /** Absent for an entry logged in clear (before migration 033): its leaf input is the record. */
  salt?: string;
}

/**
 * GET /v1/log/entries/{i} (issue 7; issue 13): hashes and bytes are base64. Everybody gets the
 * leaf hash and, for a commitment, the leaf input; those who may see the record also get the
 * record and its salt.
 */
export interface LogEntry {
  index: number;
  leafHash: string;
  /** Base64 of the leaf input: `{"commitment":"<hex>"}`, or for an entry logged in clear the record (then shown only with the record). */
  leafInput?: string;
  record?: ProvenanceRecord;
  salt?: string;
}

export interface InclusionProof {
  index: number;
  treeSize: number;
  auditPath: string[];
}

export interface ConsistencyProof {
  from: number;
  to: number;
  path: string[];
}

export interface ReceiptEntry {
  leafIndex: number;
  leafHash: string;
  record: ProvenanceRecord;
  /** Opens the leaf's commitment to `record`; absent for an entry logged in clear (before migration 033). */
  salt?: string;
}

/** Everything needed to check an exchange's provenance offline, given the log's public key. */
export interface ProvenanceReceipt {
  exchangeId: string;
  entries: ReceiptEntry[];
  checkpoint: Checkpoint;
  /** One inclusion proof per entry, against `checkpoint.treeSize`. */
  proofs: InclusionProof[];
}
