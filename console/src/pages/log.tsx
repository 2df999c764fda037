import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, getText } from '../api';
import { when } from '../format';
import { Loading, Problem, Section, useLoad } from '../ui';
import { type Checkpoint, type Verdict, verifyCheckpoints } from '../verify';

/**
 * Checkpoints this browser has seen, kept across sessions (they are public and signed): an
 * auditor's own memory of the log, so the next visit can prove the log only grew since.
 */
const SEEN = 'swgate.checkpoints';
const remembered = (): Checkpoint[] => {
  try {
    const list = JSON.parse(localStorage.getItem(SEEN) ?? '[]') as unknown;
    return Array.isArray(list) ? (list as Checkpoint[]).filter((c) => typeof c?.treeSize === 'number' && typeof c.note === 'string') : [];
  } catch {
    return [];
  }
};
const remember = (checkpoint: Checkpoint) => {
  const all = [checkpoint, ...remembered().filter((c) => c.treeSize !== checkpoint.treeSize || c.origin !== checkpoint.origin)];
  localStorage.setItem(SEEN, JSON.stringify(all.slice(0, 20)));
};

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

export function LogScreen() {
  const { value, error, loading, reload } = useLoad(async () => {
    const latest = await getJson<Checkpoint>('/v1/log/checkpoint');
    remember(latest);
    const list = await published();
    const known = new Map<number, Checkpoint>();
    for (const c of [latest, ...list, ...remembered()]) if (c.origin === latest.origin && !known.has(c.treeSize)) known.set(c.treeSize, c);
    return { latest, checkpoints: [...known.values()].sort((a, b) => b.treeSize - a.treeSize) };
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
      const [proof, key] = await Promise.all([
        getJson<{ path: string[] }>('/v1/log/proofs/consistency', { from: from.treeSize, to: to.treeSize }),
        getText('/v1/log/public-key', 'application/x-pem-file'),
      ]);
      const outcome = await verifyCheckpoints(from, to, proof.path, key.text);
      setVerdict(outcome);
      if (outcome.ok) remember(to);
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
              checkpoints to choose from are those the gateway lists and those this browser has seen before ({remembered().length}).
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
              <p class={`verdict ${verdict.ok ? 'good' : 'bad'}`} role="status" data-testid="consistency-verdict">
                {verdict.ok ? '✔ Consistent' : '✘ Not consistent'}: {verdict.reason}
              </p>
            )}
          </Section>
        </>
      )}
    </>
  );
}
