import { useState } from 'preact/hooks';
import { getJson, type Me, send } from '../api';
import { when } from '../format';
import { linkProps } from '../router';
import { Loading, OperatorsOnly, Pager, Problem, Section, Status, usePager, useLoad } from '../ui';

interface Summary {
  destinations: Array<{
    destination: string;
    counts: Record<string, number>;
    queue: { waiting: number; active: number; delayed: number; failed: number };
  }>;
}

interface Delivery {
  exchangeId: string;
  destination: string;
  agreement: string;
  status: string;
  attempts: number;
  lastError?: string | null;
  updatedAt: string;
  receivedAt: string;
}

interface RetryResult {
  results: Array<{ exchangeId: string; destination: string; outcome: 'requeued' | 'not-failed' | 'not-found' }>;
}

const STATUSES = ['queued', 'in-flight', 'retrying', 'delivered', 'acknowledged', 'rejected', 'failed'];
const keyOf = (d: { exchangeId: string; destination: string }) => `${d.exchangeId}/${d.destination}`;

function DestinationSummary({ round }: { round: number }) {
  const { value, error, loading } = useLoad(() => getJson<Summary>('/v1/deliveries/summary'), [round]);
  const shown = ['queued', 'in-flight', 'retrying', 'failed', 'rejected', 'delivered', 'acknowledged'];
  return (
    <Section title="Per destination">
      <Problem error={error} />
      <Loading when={loading && !value} />
      {value && (
        <table>
          <caption>Deliveries and queue depths per destination (dead letters: the queue's failed jobs)</caption>
          <thead>
            <tr>
              <th scope="col">Destination</th>
              {shown.map((s) => (
                <th scope="col" key={s} class="num">
                  {s}
                </th>
              ))}
              <th scope="col" class="num">
                Queue waiting
              </th>
              <th scope="col" class="num">
                active
              </th>
              <th scope="col" class="num">
                delayed
              </th>
              <th scope="col" class="num">
                dead letters
              </th>
            </tr>
          </thead>
          <tbody>
            {value.destinations.map((d) => (
              <tr key={d.destination}>
                <th scope="row">{d.destination}</th>
                {shown.map((s) => (
                  <td key={s} class={`num${s === 'failed' && (d.counts[s] ?? 0) > 0 ? ' alarm' : ''}`}>
                    {d.counts[s] ?? 0}
                  </td>
                ))}
                <td class="num">{d.queue.waiting}</td>
                <td class="num">{d.queue.active}</td>
                <td class="num">{d.queue.delayed}</td>
                <td class={`num${d.queue.failed > 0 ? ' alarm' : ''}`}>{d.queue.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function DeliveriesScreen({ me }: { me: Me }) {
  const [statuses, setStatuses] = useState<string[]>(['failed', 'retrying', 'queued']);
  const [destination, setDestination] = useState('');
  const [applied, setApplied] = useState({ statuses, destination });
  const [round, setRound] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<RetryResult>();
  const [retryError, setRetryError] = useState<unknown>();
  const pager = usePager();
  const { value, error, loading } = useLoad(
    () =>
      me.operator
        ? getJson<{ deliveries: Delivery[]; nextCursor?: string }>('/v1/deliveries', {
            status: applied.statuses,
            destination: applied.destination.trim(),
            limit: 50,
            cursor: pager.cursor,
          })
        : Promise.resolve(undefined),
    [applied, pager.cursor, round, me.operator],
  );
  if (!me.operator) return <OperatorsOnly what="The Deliveries screen" />;

  const retry = async (items: Array<{ exchangeId: string; destination: string }>) => {
    setRetryError(undefined);
    setOutcome(undefined);
    try {
      setOutcome(await send<RetryResult>('POST', '/v1/deliveries/retry', JSON.stringify({ deliveries: items }), 'application/json'));
      setSelected(new Set());
      setRound((r) => r + 1);
    } catch (e) {
      setRetryError(e);
    }
  };
  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  };
  const failedOnPage = value?.deliveries.filter((d) => d.status === 'failed') ?? [];

  return (
    <>
      <h1>Deliveries</h1>
      <DestinationSummary round={round} />
      <Section title="Deliveries to watch">
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault();
            pager.reset();
            setApplied({ statuses, destination });
          }}
        >
          <fieldset>
            <legend>Status</legend>
            {STATUSES.map((s) => (
              <label key={s} class="check">
                <input
                  type="checkbox"
                  checked={statuses.includes(s)}
                  onChange={(e) => setStatuses(e.currentTarget.checked ? [...statuses, s] : statuses.filter((x) => x !== s))}
                />
                {s}
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for="d-destination">Destination</label>
            <input id="d-destination" value={destination} onInput={(e) => setDestination(e.currentTarget.value)} />
          </div>
          <div class="actions">
            <button type="submit">Show</button>
            <button type="button" class="secondary" onClick={() => setRound((r) => r + 1)}>
              Refresh
            </button>
          </div>
        </form>
        <Problem error={error ?? retryError} />
        {outcome && (
          <p class="notice" role="status">
            Retry:{' '}
            {Object.entries(
              outcome.results.reduce<Record<string, number>>((n, r) => {
                n[r.outcome] = (n[r.outcome] ?? 0) + 1;
                return n;
              }, {}),
            )
              .map(([o, n]) => `${n} ${o}`)
              .join(', ')}
            .
          </p>
        )}
        <Loading when={loading && !value} />
        {value && (
          <>
            <div class="toolbar">
              <button
                type="button"
                disabled={selected.size === 0}
                onClick={() => retry([...selected].map((k) => ({ exchangeId: k.split('/')[0]!, destination: k.slice(k.indexOf('/') + 1) })))}
              >
                Retry selected ({selected.size})
              </button>
            </div>
            <table>
              <caption>
                Deliveries {applied.statuses.join(', ') || 'of any status'}
                {applied.destination ? ` to ${applied.destination}` : ''}, page {pager.page}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Select every failed delivery on this page"
                      checked={failedOnPage.length > 0 && failedOnPage.every((d) => selected.has(keyOf(d)))}
                      onChange={(e) => setSelected(e.currentTarget.checked ? new Set(failedOnPage.map(keyOf)) : new Set())}
                    />
                  </th>
                  <th scope="col">Exchange</th>
                  <th scope="col">Destination</th>
                  <th scope="col">Agreement</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">
                    Attempts
                  </th>
                  <th scope="col">Last error</th>
                  <th scope="col">Updated</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {value.deliveries.length === 0 && (
                  <tr>
                    <td colSpan={9}>No delivery of these statuses.</td>
                  </tr>
                )}
                {value.deliveries.map((d) => (
                  <tr key={keyOf(d)}>
                    <td>
                      {d.status === 'failed' && (
                        <input
                          type="checkbox"
                          aria-label={`Select ${d.exchangeId} to ${d.destination}`}
                          checked={selected.has(keyOf(d))}
                          onChange={() => toggle(keyOf(d))}
                        />
                      )}
                    </td>
                    <td>
                      <a {...linkProps(`/exchanges/${d.exchangeId}`)}>
                        <code>{d.exchangeId}</code>
                      </a>
                    </td>
                    <td>{d.destination}</td>
                    <td>{d.agreement}</td>
                    <td>
                      <Status value={d.status} />
                    </td>
                    <td class="num">{d.attempts}</td>
                    <td class="detail">{d.lastError ?? '—'}</td>
                    <td>{when(d.updatedAt)}</td>
                    <td>
                      {d.status === 'failed' && (
                        <button
                          type="button"
                          onClick={() => retry([{ exchangeId: d.exchangeId, destination: d.destination }])}
                          aria-label={`Retry ${d.exchangeId} to ${d.destination}`}
                        >
                          Retry
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager pager={pager} nextCursor={value.nextCursor} label="Deliveries" />
          </>
        )}
      </Section>
    </>
  );
}
