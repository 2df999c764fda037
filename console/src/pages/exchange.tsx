import { useEffect, useState } from 'preact/hooks';
import { getJson, getText, type Me, send } from '../api';
import { pretty, when } from '../format';
import { linkProps } from '../router';
import { download, Loading, Problem, Section, Status, useLoad } from '../ui';
import { pinnedKey } from '../log-memory';
import { type Receipt, type Verdict, verifyReceipt } from '../verify';

interface Delivery {
  destination: string;
  agreement: string;
  format: string;
  mapping?: string | null;
  status: string;
  attempts: number;
  lastError?: string | null;
  receipt?: { status?: string; findings?: Array<{ code: string; message?: string; text?: string }> } | null;
  updatedAt?: string;
}

interface Exchange {
  exchangeId: string;
  role: string;
  sender: string;
  kind: string;
  format?: string;
  status?: string;
  contentSha256?: string;
  messageId?: string | null;
  receivedAt: string;
  updatedAt: string;
  control?: { lane: string };
  findings?: Array<{ code: string; message: string; severity?: string; path?: string }>;
  deliveries: Delivery[];
  timeline: Array<{ at: string; event: string; destination?: string; detail?: unknown }>;
  documents: Array<{ name: string; mediaType: string; sha256: string; href: string }>;
}

/** A timeline entry's detail as "name: value" pairs (nested values as JSON), for reading rather than parsing. */
function detailText(detail: unknown): string {
  if (detail === undefined || detail === null) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return typeof detail === 'string' ? detail : JSON.stringify(detail);
  return Object.entries(detail as Record<string, unknown>)
    .filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0))
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

function Documents({ exchange }: { exchange: Exchange }) {
  const [open, setOpen] = useState<{ name: string; text: string; type: string }>();
  const [error, setError] = useState<unknown>();
  const fetchDocument = async (d: Exchange['documents'][number]) => {
    setError(undefined);
    try {
      const { text, type } = await getText(d.href, d.mediaType);
      return { name: d.name, text, type };
    } catch (e) {
      setError(e);
      return undefined;
    }
  };
  return (
    <Section title="Documents">
      <table>
        <caption>Documents of the exchange</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Media type</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {exchange.documents.map((d) => (
            <tr key={d.name}>
              <td>{d.name}</td>
              <td>{d.mediaType}</td>
              <td>
                <code class="hash">{d.sha256}</code>
              </td>
              <td class="row-actions">
                <button type="button" class="secondary" onClick={async () => setOpen(await fetchDocument(d))} aria-label={`Show ${d.name}`}>
                  Show
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Download ${d.name}`}
                  onClick={async () => {
                    const doc = await fetchDocument(d);
                    if (doc)
                      download(
                        `${exchange.exchangeId}-${d.name}.${/json/.test(d.mediaType) ? 'json' : /xml/.test(d.mediaType) ? 'xml' : 'txt'}`,
                        doc.text,
                        d.mediaType,
                      );
                  }}
                >
                  Download
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Problem error={error} />
      {open && (
        <figure class="document">
          <figcaption>
            {open.name} ({open.type})
          </figcaption>
          <pre>{pretty(open.text, open.type)}</pre>
        </figure>
      )}
    </Section>
  );
}

function Provenance({ id }: { id: string }) {
  const [verdict, setVerdict] = useState<Verdict & { receipt?: Receipt }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let current = true;
    (async () => {
      const [receipt, key] = await Promise.all([
        getJson<Receipt>(`/v1/exchanges/${encodeURIComponent(id)}/provenance`),
        getText('/v1/log/public-key', 'application/x-pem-file'),
      ]);
      const pin = await pinnedKey(localStorage, key.text);
      const outcome: Verdict = pin.changed
        ? {
            ok: false,
            status: 'not-verified',
            reason: `Not verified: the log's key (${pin.fingerprint}) is not the one this browser pinned (${pin.pinned}); see the Log screen.`,
          }
        : await verifyReceipt(receipt, key.text, id);
      if (current) setVerdict({ ...outcome, receipt });
    })().catch((e: unknown) => current && setError(e));
    return () => {
      current = false;
    };
  }, [id]);
  return (
    <Section title="Provenance receipt">
      <Problem error={error} />
      {!verdict && !error && <p class="muted">Verifying in this browser…</p>}
      {verdict && (
        <>
          <p
            class={`verdict ${verdict.status === 'verified' ? 'good' : verdict.status === 'not-verified' ? 'warn' : 'bad'}`}
            role={verdict.status === 'verified' ? 'status' : 'alert'}
            data-testid="receipt-verdict"
          >
            {verdict.status === 'verified' ? '✔ Receipt verified' : verdict.status === 'not-verified' ? '⚠ Receipt not verified' : '✘ Receipt does not verify'}:{' '}
            {verdict.reason}
          </p>
          {verdict.receipt && (
            <table>
              <caption>Logged events of the exchange</caption>
              <thead>
                <tr>
                  <th scope="col">Leaf</th>
                  <th scope="col">Event</th>
                  <th scope="col">Destination</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>
                {verdict.receipt.entries.map((e) => (
                  <tr key={e.leafIndex}>
                    <td>{e.leafIndex}</td>
                    <td>{e.record.event}</td>
                    <td>{e.record.activity.destination ?? '—'}</td>
                    <td>{when(e.record.time)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Section>
  );
}

export function ExchangeScreen({ id, me }: { id: string; me: Me }) {
  const { value: x, error, loading, reload } = useLoad(() => getJson<Exchange>(`/v1/exchanges/${encodeURIComponent(id)}`), [id]);
  const [retryError, setRetryError] = useState<unknown>();
  const retry = async (destination: string) => {
    setRetryError(undefined);
    try {
      await send('POST', `/v1/exchanges/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(destination)}/retry`, '{}', 'application/json');
      reload();
    } catch (e) {
      setRetryError(e);
    }
  };
  return (
    <>
      <p>
        <a {...linkProps('/exchanges')}>← Exchanges</a>
      </p>
      <h1>
        Exchange <code>{id}</code>
      </h1>
      <Problem error={error} />
      <Loading when={loading && !x} />
      {x && (
        <>
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <Status value={x.status ?? x.deliveries[0]?.status} />
            </dd>
            <dt>Kind</dt>
            <dd>{x.kind}</dd>
            <dt>Sender</dt>
            <dd>{x.sender}</dd>
            <dt>Your role</dt>
            <dd>{x.role}</dd>
            <dt>Received</dt>
            <dd>{when(x.receivedAt)}</dd>
            <dt>Updated</dt>
            <dd>{when(x.updatedAt)}</dd>
            {x.messageId ? (
              <>
                <dt>Message id</dt>
                <dd>{x.messageId}</dd>
              </>
            ) : null}
            {x.format ? (
              <>
                <dt>Format</dt>
                <dd>{x.format}</dd>
              </>
            ) : null}
            {x.control ? (
              <>
                <dt>Control lane</dt>
                <dd>
                  <Status value={x.control.lane} />
                </dd>
              </>
            ) : null}
          </dl>
          {x.findings && x.findings.length > 0 && (
            <Section title="Findings">
              <ul>
                {x.findings.map((f) => (
                  <li key={`${f.code}${f.path ?? ''}`}>
                    <Status value={f.severity ?? 'info'} /> <code>{f.code}</code> {f.message}
                  </li>
                ))}
              </ul>
            </Section>
          )}
          <Section title="Timeline">
            <table>
              <caption>What happened to the exchange, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Event</th>
                  <th scope="col">Destination</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {x.timeline.map((e, n) => (
                  <tr key={n}>
                    <td>{when(e.at)}</td>
                    <td>{e.event}</td>
                    <td>{e.destination ?? '—'}</td>
                    <td class="detail">{detailText(e.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          <Section title="Deliveries">
            <Problem error={retryError} />
            <table>
              <caption>Deliveries of the exchange</caption>
              <thead>
                <tr>
                  <th scope="col">Destination</th>
                  <th scope="col">Agreement</th>
                  <th scope="col">Format / mapping</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Receipt</th>
                  {me.operator && <th scope="col">Action</th>}
                </tr>
              </thead>
              <tbody>
                {x.deliveries.map((d) => (
                  <tr key={d.destination}>
                    <td>{d.destination}</td>
                    <td>{d.agreement}</td>
                    <td>
                      {d.format}
                      {d.mapping ? ` / ${d.mapping}` : ''}
                    </td>
                    <td>
                      <Status value={d.status} />
                    </td>
                    <td>{d.attempts}</td>
                    <td class="detail">{d.lastError ?? '—'}</td>
                    <td>
                      {d.receipt?.status ? <Status value={d.receipt.status} /> : '—'}
                      {d.receipt?.findings?.map((f) => (
                        <div key={f.code} class="muted">
                          {f.code} {f.message ?? f.text ?? ''}
                        </div>
                      ))}
                    </td>
                    {me.operator && (
                      <td>
                        {d.status === 'failed' && (
                          <button type="button" onClick={() => retry(d.destination)} aria-label={`Retry delivery to ${d.destination}`}>
                            Retry
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" class="secondary" onClick={reload}>
              Refresh
            </button>
          </Section>
          <Documents exchange={x} />
          <Provenance id={x.exchangeId} />
        </>
      )}
    </>
  );
}
