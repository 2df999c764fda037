/**
 * Group commit for write-offs: declarations that arrive while a batch is being written wait and
 * go together in the next one (reserveBatch), so one certificate drawn on by many concurrent
 * declarations costs one commit per batch rather than one per declaration. Nothing waits in
 * memory beyond the batch in flight; every instance may run its own queue (the cited LPCO rows
 * are locked per batch, so instances interleave safely).
 */
import type { RejectionError } from '../findings.js';
import type { DatabaseKind } from '../store/db.js';
import type { LpcoDb } from './registry.js';
import { type CitationPolicy, type ReservationOutcome, type ReservationRequest, reserveBatch } from './write-off.js';

export interface ReservationQueue {
  /** Same answer as reserveForDeclaration: the outcome, or a RejectionError (422/409) that refuses it. */
  reserve(request: ReservationRequest): Promise<ReservationOutcome>;
}

interface Waiting {
  request: ReservationRequest;
  resolve: (outcome: ReservationOutcome) => void;
  reject: (error: RejectionError | Error) => void;
}

export function createReservationQueue(db: LpcoDb, kind: DatabaseKind, policy: CitationPolicy, maxBatch = 64): ReservationQueue {
  const waiting: Waiting[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      try {
        const results = await reserveBatch(db, kind, batch.map((w) => w.request), policy);
        results.forEach((result, i) => {
          const { resolve, reject } = batch[i] as Waiting;
          if (result instanceof Error) reject(result);
          else resolve(result);
        });
      } catch (err) {
        // The batch's transaction failed as a whole: nothing of it was written, every request hears why.
        for (const w of batch) w.reject(err as Error);
      }
    }
    writing = false;
  }

  return {
    reserve(request) {
      return new Promise((resolve, reject) => {
        waiting.push({ request, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
