/**
 * SQLite's WAL checkpoints, on a thread of their own. A checkpoint copies the pages the WAL
 * holds back into the database file and syncs both files; run by the writer after its commit
 * (wal_autocheckpoint, every 1,000 pages by default), it held up the event loop for about as
 * long as the ingest's inserts took. Here a worker thread with a connection of its own
 * checkpoints PASSIVE — never waiting for the writer, never blocking it — every `everyMs`. The
 * writer keeps its own checkpoint as a backstop at a larger WAL (db.ts), where it only finishes
 * what the thread left, so the WAL starts over and stays bounded even if this thread falls behind.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// CommonJS, as an eval'd worker runs; better-sqlite3 by the path the main thread resolves.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
} catch {
  // Closed, or its file removed, before this thread started: nothing to checkpoint.
  parentPort.close();
}
const timer = db && setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY and the like: the next tick tries again, and the writer's own checkpoint backs this one.
  }
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db?.close();
  parentPort.close();
});
`;

/** Starts checkpointing the WAL of the database file at `path`; the function returned stops it. */
export function checkpointInBackground(path: string, everyMs: number): () => void {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { path, everyMs, module } });
  // Never what keeps the process alive, nor what brings it down: without this thread the
  // writer's own checkpoint still keeps the WAL bounded.
  worker.unref();
  worker.on('error', () => {});
  return () => worker.postMessage('stop');
}
