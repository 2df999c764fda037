import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, getText } from '../api';
import { when } from '../format';
import { Loading, Problem, Section, useLoad } from '../ui';
import { type Memory, mergeCheckpoints, pinKey, pinnedKey, rememberCheckpoint, rememberedCheckpoints } from '../log-memory';
import { type Checkpoint, type Verdict, verifyCheckpoint, verifyCheckpoints } from '../verify';

const memory: Memory = localStorage;

/** The log's public key, and whether it is the one this browser pinned on first use. */
const logKey = async () => pinnedKey(memory, (await getText('/v1/log/public-key', 'application/x-pem-file')).text);

/** The gateway's published checkpoints, where it lists them; an older gateway does not (404), and the browser's own memory remains. */
async function published(): Promise<Checkpoint[]> {
  try {
    const answer = await getJson<{ checkpoints?: Checkpoint[]; items?: Checkpoint[] }>('/v1/log/checkpoints', { limit: 20 });
    return answer.checkpoints ?? answer.items ?? [];
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return [];
    throw e;
  }
}

const VERDICT_CLASS: Record<Verdict['status'], string> = { verified: 'good', 'not-verified': 'warn', failed: 'bad' };

export function LogScreen() {
  const { value, error, loading, reload } = useLoad(async () => {
    const [latest, key] = await Promise.all([getJson<Checkpoint>('/v1/log/checkpoint'), logKey()]);
    // Kept only once it verifies, under the key this browser pinned.
    const equivocated = !key.changed && (await verifyCheckpoint(latest, key.pem)) === true ? rememberCheckpoint(memory, latest) : undefined;
    const merged = mergeCheckpoints(rememberedCheckpoints(memory), [latest, ...(await published())], latest.origin);
    const equivocations = [...(equivocated ? [{ kept: equivocated, listed: latest }] : []), ...merged.equivocations];
    return { latest, key, checkpoints: merged.checkpoints, equivocations, kept: rememberedCheckpoints(memory).length };
  }, []);
  const [older, setOlder] = useState<number>();
  const [newer, setNewer] = useState<number>();
  const [verdict, setVerdict] = useState<Verdict>();
  const [checkError, setCheckError] = useState<unknown>();

  useEffect(() => {
    if (!value) return;
    setNewer(value.latest.treeSize);
    setOlder(value.checkpoints.find((c) => c.treeSize < value.latest.treeSize)?.treeSize ?? value.latest.treeSize);
  }, [value]);

  const check = async (event: Event) => {
    event.preventDefault();
    setVerdict(undefined);
    setCheckError(undefined);
    const a = value?.checkpoints.find((c) => c.treeSize === older);
    const b = value?.checkpoints.find((c) => c.treeSize === newer);
    if (!a || !b) return;
    try {
      const [from, to] = a.treeSize <= b.treeSize ? [a, b] : [b, a];
      const [proof, key] = await Promise.all([getJson<{ path: string[] }>('/v1/log/proofs/consistency', { from: from.treeSize, to: to.treeSize }), logKey()]);
      const outcome = await verifyCheckpoints(from, to, proof.path, key.pem);
      if (key.changed) {
        setVerdict({ ok: false, status: 'not-verified', reason: `Not verified: the log's key is not the one this browser pinned (${key.pinned}).` });
        return;
      }
      setVerdict(outcome);
      if (outcome.ok) for (const c of [from, to]) rememberCheckpoint(memory, c);
    } catch (e) {
      setCheckError(e);
    }
  };

  const option = (c: Checkpoint) => (
    <option key={c.treeSize} value={c.treeSize}>
      size {c.treeSize} — {when(c.timestamp)}
    </option>
  );

  return (
    <>
      <h1>Log</h1>
      <p class="muted">The provenance transparency log: every exchange event is a leaf; signed checkpoints fix its contents at a size.</p>
      <Problem error={error} />
      <Loading when={loading} />
      {value && (
        <>
          {value.key.changed && (
            <div class="problem" role="alert" data-testid="key-changed">
              <strong>The log's public key has changed.</strong> This browser pinned the key with SHA-256 fingerprint <code>{value.key.pinned}</code>; the
              gateway now serves <code>{value.key.fingerprint}</code>. Nothing is verified against it until you accept it: do so only if the operator announced
              a key rotation.{' '}
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  pinKey(memory, value.key.fingerprint, true);
                  reload();
                }}
              >
                Accept the new key
              </button>
            </div>
          )}
          {value.equivocations.map(({ kept, listed }) => (
            <div key={`${listed.treeSize} ${listed.rootHash}`} class="problem" role="alert" data-testid="equivocation">
              <strong>Equivocation:</strong> the log {kept.origin} has shown two different trees at size {kept.treeSize}: root <code>{kept.rootHash}</code>{' '}
              (kept by this browser) and <code>{listed.rootHash}</code> (now served). A log that does this has rewritten its history for someone.
            </div>
          ))}
          <Section title="Latest checkpoint">
            <dl class="facts">
              <dt>Origin</dt>
              <dd>{value.latest.origin}</dd>
              <dt>Tree size</dt>
              <dd data-testid="tree-size">{value.latest.treeSize}</dd>
              <dt>Root hash</dt>
              <dd>
                <code class="hash">{value.latest.rootHash}</code>
              </dd>
              <dt>Published</dt>
              <dd>{when(value.latest.timestamp)}</dd>
            </dl>
            <details>
              <summary>Signed note</summary>
              <pre>
                {value.latest.note}
                {'\n— '}
                {value.latest.signature}
              </pre>
            </details>
            <button type="button" class="secondary" onClick={reload}>
              Refresh
            </button>
          </Section>
          <Section title="Consistency check">
            <p class="muted">
              Proves, in this browser, that the log at the newer size extends the log at the older one: nothing logged before was changed or removed. The
              checkpoints to choose from are those the gateway lists and those this browser has verified before ({value.kept}), which win over the gateway's
              list.
            </p>
            <form class="filters" onSubmit={check}>
              <div class="field">
                <label for="c-older">Older checkpoint</label>
                <select id="c-older" value={older} onChange={(e) => setOlder(Number(e.currentTarget.value))}>
                  {value.checkpoints.map(option)}
                </select>
              </div>
              <div class="field">
                <label for="c-newer">Newer checkpoint</label>
                <select id="c-newer" value={newer} onChange={(e) => setNewer(Number(e.currentTarget.value))}>
                  {value.checkpoints.map(option)}
                </select>
              </div>
              <div class="actions">
                <button type="submit">Check consistency</button>
              </div>
            </form>
            <Problem error={checkError} />
            {verdict && (
              <p class={`verdict ${VERDICT_CLASS[verdict.status]}`} role="status" data-testid="consistency-verdict">
                {verdict.status === 'verified' ? '✔ Consistent' : verdict.status === 'not-verified' ? '⚠ Not verified' : '✘ Not consistent'}: {verdict.reason}
              </p>
            )}
          </Section>
        </>
      )}
    </>
  );
}
