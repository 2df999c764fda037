import { useState } from 'preact/hooks';
import { getJson, type Me, send } from '../api';
import { Loading, Problem, Section, useLoad } from '../ui';

interface Agreement {
  id: string;
  description?: string;
  when: Record<string, string[] | undefined>;
  destination: string;
  format: string;
  mapping?: string | null;
  transport?: string | null;
  signing?: string | null;
  delivery?: { attempts?: number; backoffMs?: number; timeoutMs?: number };
}

interface TryAnswer {
  kind: string;
  format: string;
  facts?: unknown;
  deliveries: Array<{ destination: string; agreement: string; format: string; mapping?: string | null; transport?: string | null; because: string[] }>;
  notMatched: Array<{ agreement: string; because: string[] }>;
}

const conditions = (when: Agreement['when']) =>
  Object.entries(when)
    .filter(([, values]) => values && values.length > 0)
    .map(([name, values]) => `${name}: ${values!.join(', ')}`);

function TryRouting({ me }: { me: Me }) {
  const [kind, setKind] = useState('declaration');
  const [sender, setSender] = useState('');
  const [body, setBody] = useState('');
  const [answer, setAnswer] = useState<TryAnswer>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setAnswer(undefined);
    try {
      const type = body.trimStart().startsWith('<') ? 'application/xml' : 'application/json';
      setAnswer(await send<TryAnswer>('POST', '/v1/routing/try', body, type, { kind, sender: me.operator ? sender.trim() : undefined }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Try routing">
      <p class="muted">Paste a document: the gateway reads and routes it as it would if it were lodged, and stores nothing.</p>
      <form class="filters" onSubmit={submit}>
        <div class="field">
          <label for="t-kind">Kind</label>
          <select id="t-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="declaration">declaration</option>
            <option value="lpco">lpco</option>
            <option value="consignment">consignment</option>
          </select>
        </div>
        {me.operator && (
          <div class="field">
            <label for="t-sender">As sender (participant id)</label>
            <input id="t-sender" value={sender} onInput={(e) => setSender(e.currentTarget.value)} placeholder={me.id} />
          </div>
        )}
        <div class="field wide">
          <label for="t-document">Document</label>
          <textarea id="t-document" rows={10} required spellcheck={false} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        </div>
        <div class="actions">
          <button type="submit" disabled={busy}>
            Try routing
          </button>
        </div>
      </form>
      <Problem error={error} />
      {answer && (
        <div role="status" aria-live="polite">
          <p>
            Read as a <strong>{answer.kind}</strong> in <strong>{answer.format}</strong>:{' '}
            {answer.deliveries.length === 0 ? 'it would go nowhere.' : `it would go to ${answer.deliveries.length} destination(s).`}
          </p>
          <table>
            <caption>Where the document would go</caption>
            <thead>
              <tr>
                <th scope="col">Destination</th>
                <th scope="col">Agreement</th>
                <th scope="col">Format</th>
                <th scope="col">Mapping</th>
                <th scope="col">Transport</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {answer.deliveries.map((d) => (
                <tr key={`${d.agreement}-${d.destination}`}>
                  <td>{d.destination}</td>
                  <td>{d.agreement}</td>
                  <td>{d.format}</td>
                  <td>{d.mapping ?? '—'}</td>
                  <td>{d.transport ?? '—'}</td>
                  <td>{d.because.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {answer.notMatched.length > 0 && (
            <details>
              <summary>Agreements that did not match ({answer.notMatched.length})</summary>
              <ul>
                {answer.notMatched.map((n) => (
                  <li key={n.agreement}>
                    <strong>{n.agreement}</strong>: {n.because.join('; ')}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </Section>
  );
}

export function AgreementsScreen({ me }: { me: Me }) {
  const { value, error, loading } = useLoad(() => getJson<{ items?: Agreement[]; agreements?: Agreement[] }>('/v1/agreements'), []);
  const agreements = value?.items ?? value?.agreements ?? [];
  return (
    <>
      <h1>Agreements</h1>
      <p class="muted">{me.operator ? 'Every routing rule of the gateway.' : 'The agreements that apply to what you may send.'}</p>
      <Problem error={error} />
      <Loading when={loading} />
      {value && (
        <table>
          <caption>Routing rules: when a document matches, where it goes and how</caption>
          <thead>
            <tr>
              <th scope="col">Agreement</th>
              <th scope="col">When</th>
              <th scope="col">Destination</th>
              <th scope="col">Format / mapping</th>
              <th scope="col">Transport / signing</th>
              <th scope="col">Delivery</th>
            </tr>
          </thead>
          <tbody>
            {agreements.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  {a.id}
                  {a.description && <div class="muted">{a.description}</div>}
                </th>
                <td>
                  <ul class="plain">
                    {conditions(a.when).map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </td>
                <td>{a.destination}</td>
                <td>
                  {a.format}
                  {a.mapping ? ` / ${a.mapping}` : ''}
                </td>
                <td>
                  {a.transport ?? 'swgate'}
                  {a.signing ? ` / ${a.signing}` : ''}
                </td>
                <td>
                  {a.delivery
                    ? `${a.delivery.attempts ?? '?'} attempts, backoff ${a.delivery.backoffMs ?? '?'} ms, timeout ${a.delivery.timeoutMs ?? '?'} ms`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TryRouting me={me} />
    </>
  );
}
