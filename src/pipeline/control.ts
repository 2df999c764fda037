/**
 * A control's result on an exchange (POST /v1/exchanges/{id}/control-results), by customs or a
 * PGA it was routed to: stored in control_results with its `controlled` provenance record, in
 * one commit, or refused with nothing written.
 */
import { canonicalJson } from '../canonical-json.js';
import type { Participant } from '../config/types.js';
import { finding, RejectionError } from '../findings.js';
import { sha256Hex } from '../hashing.js';
import type { AppendedLeaf } from '../provenance/log.js';
import type { ProvEntity, RecordInput } from '../provenance/record.js';
import type { Kysely } from 'kysely';
import {
  type ControlReport,
  type ControlRequestRow,
  type ControlRequestTables,
  type ControlResult,
  controlResultById,
  controlResultOf,
  controlResultsOf,
  insertControlResult,
} from '../risk/control-results.js';
import type { RiskTables } from '../risk/tables.js';
import { tablesOf } from '../store/db.js';
import { newId, type Store } from '../store/exchanges.js';
import { controlAccess, type ControlReader } from '../store/visibility.js';
import { writeInBatch } from '../store/write-batches.js';
import type { RecordProvenance } from './vocabulary.js';

export interface ControlDeps {
  store: Store;
  recordProvenance: RecordProvenance;
  now: () => Date;
}

/** The kinds of exchange that carry goods a control can find: what a result may be recorded on. */
const CONTROLLED_KINDS = new Set(['declaration', 'consignment']);

/**
 * The `controlled` record of a result: logged under the result's own id (record.ts says why),
 * its entity the result as stored, `used` what was controlled.
 */
export function controlRecord(subjectId: string, result: unknown, agent: RecordInput['agent'], controlled: ProvEntity | undefined, time: Date): RecordInput {
  return {
    exchangeId: subjectId,
    event: 'controlled',
    time,
    entity: { contentSha256: sha256Hex(canonicalJson(result)), name: 'control-result', mediaType: 'application/json' },
    agent,
    used: controlled ? [controlled] : [],
  };
}

async function accessOf(store: Store, exchangeId: string, reader: ControlReader) {
  const access = await controlAccess(store, exchangeId, reader);
  if (!access) throw new RejectionError(404, 'Not found', [finding('exchange.not-found', `No exchange ${exchangeId} is visible to you.`)]);
  if (!access.controls)
    throw new RejectionError(403, 'Forbidden', [
      finding('control.not-a-controller', 'Control results are recorded and read by customs and by the agencies an exchange was routed to.'),
    ]);
  return { exchange: access.exchange, sees: access.controls.sees };
}

export async function recordControl(
  deps: ControlDeps,
  controller: Participant,
  exchangeId: string,
  report: ControlReport,
  idempotencyKey?: string,
): Promise<{ result: ControlResult; provenance: AppendedLeaf }> {
  const { exchange } = await accessOf(deps.store, exchangeId, controller);
  if (!CONTROLLED_KINDS.has(exchange.kind))
    throw new RejectionError(422, 'Not a declaration', [
      finding(
        'control.not-a-declaration',
        `Exchange ${exchangeId} carries ${exchange.kind === 'lpco' ? 'an' : 'a'} ${exchange.kind}: controls are of declared goods.`,
      ),
    ]);
  const at = deps.now();
  const result = controlResultOf(newId(), exchangeId, controller.id, report, at);
  const requestSha256 = sha256Hex(canonicalJson({ exchangeId, report }));
  return writeInBatch(deps.store, async (transaction) => {
    const db = tablesOf<RiskTables & ControlRequestTables>(transaction.db);
    if (idempotencyKey !== undefined) {
      const earlier = await db
        .selectFrom('control_requests')
        .selectAll()
        .where('controller', '=', controller.id)
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirst();
      if (earlier) return answerAgain(tablesOf<RiskTables>(transaction.db), earlier, requestSha256);
    }
    await insertControlResult(tablesOf<RiskTables>(transaction.db), result);
    const [provenance] = await deps.recordProvenance(transaction, [
      controlRecord(result.id, result, { participant: controller.id }, { contentSha256: exchange.content_sha256, name: 'original' }, at),
    ]);
    if (idempotencyKey !== undefined)
      await db
        .insertInto('control_requests')
        .values({
          controller: controller.id,
          idempotency_key: idempotencyKey,
          request_sha256: requestSha256,
          result_id: result.id,
          leaf_index: provenance!.leafIndex,
          leaf_hash: provenance!.leafHash,
        })
        .execute();
    return { result, provenance: provenance! };
  });
}

/** The result an earlier request with the same key made, or 409 when that request was another. */
async function answerAgain(db: Kysely<RiskTables>, earlier: ControlRequestRow, requestSha256: string) {
  if (earlier.request_sha256 !== requestSha256)
    throw new RejectionError(409, 'Idempotency key reused', [
      finding('request.idempotency-key-reused', 'This Idempotency-Key was used for another control result: use a new key for a new result.'),
    ]);
  const result = await controlResultById(db, earlier.result_id);
  return { result: result!, provenance: { leafIndex: Number(earlier.leaf_index), leafHash: earlier.leaf_hash } };
}

/** The exchange's control results as `reader` may read them: customs all, a PGA its own. */
export async function readControls(store: Store, reader: ControlReader, exchangeId: string): Promise<ControlResult[]> {
  const { sees } = await accessOf(store, exchangeId, reader);
  return controlResultsOf(tablesOf<RiskTables>(store.db), exchangeId, sees === 'all' ? undefined : reader.id);
}
