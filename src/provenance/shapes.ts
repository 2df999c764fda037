import type { Checkpoint } from './checkpoint.js';
import type { ProvenanceRecord } from './record.js';

/** The JSON shapes of the log API (issue 7); hashes and paths are base64. */
export interface LogEntry {
  index: number;
  /** Base64 of the canonical record bytes. */
  leafInput: string;
  leafHash: string;
  entry: ProvenanceRecord;
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

/** Everything needed to check an exchange's provenance offline, given the log's public key. */
export interface ProvenanceReceipt {
  exchangeId: string;
  entries: Array<{ leafIndex: number; leafHash: string; record: ProvenanceRecord }>;
  checkpoint: Checkpoint;
  /** One inclusion proof per entry, against `checkpoint.treeSize`. */
  proofs: InclusionProof[];
}
