import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { type HttpAnswer, type HttpRequest, send } from '../../http-client.js';
import { type Verdict, verifyCheckpoint, verifyCheckpointConsistency, verifyReceipt } from '../../provenance/verify.js';
import { type CliIo, processIo } from '../io.js';

/** What the command touches outside itself besides the CLI's output; tests hand in their own. */
export interface VerifyIo extends CliIo {
  readFile(path: string): Promise<string>;
  send(request: HttpRequest): Promise<HttpAnswer>;
}

const processVerifyIo: VerifyIo = {
  ...processIo,
  readFile: (path) => readFile(path, 'utf8'),
  send,
};

/** A checkpoint, a consistency proof or a public key is a few kilobytes. */
const MAX_LOG_ANSWER_BYTES = 1024 * 1024;
const LOG_TIMEOUT_MS = 10_000;

interface VerifyOptions {
  publicKey?: string;
  checkpointUrl?: string;
  consistency?: boolean;
  proof?: string;
  logUrl?: string;
  token?: string;
}

/**
 * `swgate verify RECEIPT.json` checks a provenance receipt offline: each leaf's commitment
 * recomputed from the clear record and its salt, leaf hashes, inclusion proofs, checkpoint
 * signature. With --checkpoint-url it also fetches the
 * log's current checkpoint and a consistency proof, showing the log still contains the receipt's
 * tree. `swgate verify --consistency OLD.json NEW.json` checks one checkpoint (or the checkpoint
 * of a receipt) extends another;
 * the proof comes from --proof FILE (the JSON of GET /v1/log/proofs/consistency) or is fetched
 * from --log-url. Without --public-key the key is fetched from the log, which then has to be
 * trusted for it. Exit 0 or 1 with one plain sentence.
 */
export function registerVerify(program: Command, io: VerifyIo = processVerifyIo): void {
  program
    .command('verify')
    .description('verify a provenance receipt, or that one checkpoint extends another, offline')
    .argument('<files...>', 'RECEIPT.json, or OLD.json NEW.json with --consistency')
    .option('--public-key <pem>', 'the log public key file (GET /v1/log/public-key)')
    .option('--checkpoint-url <url>', 'the log checkpoint URL (…/v1/log/checkpoint): also check the log still contains the receipt')
    .option('--consistency', 'check that the checkpoint in NEW.json extends the one in OLD.json')
    .option('--proof <file>', 'with --consistency: the consistency proof JSON')
    .option('--log-url <url>', 'with --consistency: the log base URL (…/v1/log/) to fetch the proof from')
    .option('--token <token>', 'bearer token for the gateway, when fetching')
    .action(async (files: string[], options: VerifyOptions) => {
      const verdict = await verify(files, options, io).catch((error: unknown) => ({
        ok: false,
        reason: `Verification could not run: ${(error as Error).message}`,
      }));
      (verdict.ok ? io.out : io.err)(verdict.reason);
      io.exit(verdict.ok ? 0 : 1);
    });
}

async function verify(files: string[], options: VerifyOptions, io: VerifyIo): Promise<Verdict> {
  const logUrl = options.logUrl ?? (options.checkpointUrl && new URL('.', options.checkpointUrl).toString());
  const gateway = logUrl ? gatewayClient(logUrl, options.token, io) : undefined;
  const publicKeyPem = options.publicKey ? await io.readFile(options.publicKey) : await gateway?.text('public-key');
  if (!publicKeyPem) return { ok: false, reason: 'Give the log public key with --public-key (or a --checkpoint-url / --log-url to fetch it from).' };

  if (options.consistency) {
    if (files.length !== 2) return { ok: false, reason: 'With --consistency give two checkpoint files: OLD.json NEW.json.' };
    const [older, newer] = (await Promise.all(files.map(readJson(io)))).map(checkpointOf) as [Record<string, unknown>, Record<string, unknown>];
    const proof = options.proof
      ? await readJson(io)(options.proof)
      : older.treeSize === newer.treeSize
        ? { from: older.treeSize, to: newer.treeSize, path: [] }
        : await gateway?.json(`proofs/consistency?from=${String(older.treeSize)}&to=${String(newer.treeSize)}`);
    if (!proof) return { ok: false, reason: 'Give the consistency proof with --proof FILE or --log-url URL.' };
    return verifyCheckpointConsistency(older, newer, proof, publicKeyPem);
  }

  if (files.length !== 1) return { ok: false, reason: 'Give one receipt file (or --consistency OLD.json NEW.json).' };
  const receipt = await readJson(io)(files[0]!);
  const verdict = verifyReceipt(receipt, publicKeyPem);
  if (!verdict.ok || !options.checkpointUrl || !gateway) return verdict;

  const held = (receipt as { checkpoint: { treeSize: number } }).checkpoint;
  const current = await gateway.json('checkpoint');
  const currentVerdict = verifyCheckpoint(current, publicKeyPem);
  if (!currentVerdict.ok) return { ok: false, reason: `The log's current checkpoint fails: ${currentVerdict.reason}` };
  const size = (current as { treeSize: number }).treeSize;
  const proof = size === held.treeSize ? { from: size, to: size, path: [] } : await gateway.json(`proofs/consistency?from=${held.treeSize}&to=${size}`);
  const extends_ = verifyCheckpointConsistency(held, current, proof, publicKeyPem);
  if (!extends_.ok) return { ok: false, reason: `The receipt verifies on its own, but the log no longer agrees with it: ${extends_.reason}` };
  return { ok: true, reason: `${verdict.reason} The log's current checkpoint (size ${size}) still contains that tree.` };
}

/** OLD and NEW may be checkpoints or receipts, which carry one. */
function checkpointOf(json: unknown): unknown {
  return typeof json === 'object' && json !== null && 'checkpoint' in json ? json.checkpoint : json;
}

/** `what` (a file, a URL) is named when its text is not JSON. */
function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not JSON`);
  }
}

const readJson =
  (io: VerifyIo) =>
  async (path: string): Promise<unknown> =>
    parseJson(await io.readFile(path), path);

function gatewayClient(logUrl: string, token: string | undefined, io: VerifyIo) {
  const base = logUrl.endsWith('/') ? logUrl : `${logUrl}/`;
  const get = async (path: string) => {
    const url = new URL(path, base).toString();
    const answer = await io.send({
      url,
      method: 'GET',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      timeoutMs: LOG_TIMEOUT_MS,
      maxAnswerBytes: MAX_LOG_ANSWER_BYTES,
    });
    if (answer.status < 200 || answer.status >= 300) throw new Error(`GET ${url} answered ${answer.status}`);
    return { url, text: answer.body.toString('utf8') };
  };
  return {
    text: async (path: string) => (await get(path)).text,
    json: async (path: string): Promise<unknown> => {
      const { url, text } = await get(path);
      return parseJson(text, `GET ${url}: the answer`);
    },
  };
}
