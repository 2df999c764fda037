import { useState } from 'preact/hooks';
import { getJson } from '../api';
import { when } from '../format';
import { linkProps } from '../router';
import { Loading, Pager, Problem, Section, Status, usePager, useLoad } from '../ui';

interface Line {
  sequence: string;
  quantityControlled: boolean;
  hsCode?: string;
  unit?: string;
  quantity?: string;
  remaining?: string;
}

interface Lpco {
  id: string;
  documentCode: string;
  number: string;
  issuerParticipant: string;
  holderId: string;
  status: string;
  validFrom: string;
  validUntil: string;
  replacedBy?: string | null;
  registeredAt?: string;
  updatedAt?: string;
  lines: Line[];
  history?: Array<{
    at: string;
    from: string | null;
    to: string;
    reason: string;
    actor: string;
    movement?: { kind: string; declarationExchangeId: string; line: string; quantity: string };
  }>;
}

const STATUSES = ['issued', 'amended', 'replaced', 'revoked', 'withdrawn', 'expired', 'exhausted'];

function Lines({ lpco }: { lpco: Lpco }) {
  return (
    <table>
      <caption>Lines of {lpco.number}: quantity issued and remaining</caption>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">HS code</th>
          <th scope="col" class="num">
            Issued
          </th>
          <th scope="col" class="num">
            Remaining
          </th>
          <th scope="col">Unit</th>
        </tr>
      </thead>
      <tbody>
        {lpco.lines.map((l) => (
          <tr key={l.sequence}>
            <td>{l.sequence}</td>
            <td>{l.hsCode ?? '—'}</td>
            <td class="num">{l.quantityControlled ? l.quantity : 'not controlled'}</td>
            <td class="num">{l.quantityControlled ? l.remaining : '—'}</td>
            <td>{l.unit ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LpcosScreen() {
  const [draft, setDraft] = useState({ status: '', holder: '', issuer: '', documentCode: '' });
  const [filters, setFilters] = useState(draft);
  const pager = usePager();
  const { value, error, loading } = useLoad(
    () => getJson<{ items?: Lpco[]; lpcos?: Lpco[]; nextCursor?: string }>('/v1/lpcos', { ...filters, limit: 50, cursor: pager.cursor }),
    [filters, pager.cursor],
  );
  const lpcos = value?.items ?? value?.lpcos ?? [];
  const input = (name: keyof typeof draft, label: string) => (
    <div class="field">
      <label for={`l-${name}`}>{label}</label>
      <input id={`l-${name}`} value={draft[name]} onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })} />
    </div>
  );
  return (
    <>
      <h1>e-LPCOs</h1>
      <p class="muted">The registry of licences, permits, certificates and other documents: those you may read.</p>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          pager.reset();
          setFilters({ ...draft });
        }}
      >
        <div class="field">
          <label for="l-status">Status</label>
          <select id="l-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        {input('holder', 'Holder')}
        {input('issuer', 'Issuer')}
        {input('documentCode', 'Document code')}
        <div class="actions">
          <button type="submit">Filter</button>
        </div>
      </form>
      <Problem error={error} />
      <Loading when={loading} />
      {value && (
        <>
          <table>
            <caption>e-LPCOs, page {pager.page}</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Code</th>
                <th scope="col">Issuer</th>
                <th scope="col">Holder</th>
                <th scope="col">Status</th>
                <th scope="col">Valid</th>
                <th scope="col">Remaining per line</th>
              </tr>
            </thead>
            <tbody>
              {lpcos.length === 0 && (
                <tr>
                  <td colSpan={7}>No e-LPCO matches.</td>
                </tr>
              )}
              {lpcos.map((l) => (
                <tr key={l.id}>
                  <td>
                    <a {...linkProps(`/lpcos/${l.id}`)}>{l.number}</a>
                  </td>
                  <td>{l.documentCode}</td>
                  <td>{l.issuerParticipant}</td>
                  <td>{l.holderId}</td>
                  <td>
                    <Status value={l.status} />
                  </td>
                  <td>
                    {l.validFrom} – {l.validUntil}
                  </td>
                  <td>
                    {l.lines
                      .filter((x) => x.quantityControlled)
                      .map((x) => `${x.sequence}: ${x.remaining}/${x.quantity} ${x.unit ?? ''}`)
                      .join('; ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pager={pager} nextCursor={value.nextCursor} label="e-LPCOs" />
        </>
      )}
    </>
  );
}

export function LpcoScreen({ id }: { id: string }) {
  const { value: l, error, loading } = useLoad(() => getJson<Lpco>(`/v1/lpcos/${encodeURIComponent(id)}`), [id]);
  return (
    <>
      <p>
        <a {...linkProps('/lpcos')}>← e-LPCOs</a>
      </p>
      <h1>e-LPCO {l ? l.number : <code>{id}</code>}</h1>
      <Problem error={error} />
      <Loading when={loading} />
      {l && (
        <>
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <Status value={l.status} />
            </dd>
            <dt>Document code</dt>
            <dd>{l.documentCode}</dd>
            <dt>Issuer</dt>
            <dd>{l.issuerParticipant}</dd>
            <dt>Holder</dt>
            <dd>{l.holderId}</dd>
            <dt>Valid</dt>
            <dd>
              {l.validFrom} – {l.validUntil}
            </dd>
            {l.replacedBy ? (
              <>
                <dt>Replaced by</dt>
                <dd>
                  <a {...linkProps(`/lpcos/${l.replacedBy}`)}>{l.replacedBy}</a>
                </dd>
              </>
            ) : null}
          </dl>
          <Section title="Lines">
            <Lines lpco={l} />
          </Section>
          <Section title="History">
            <table>
              <caption>Status changes and quantity movements, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Change</th>
                  <th scope="col">Movement</th>
                  <th scope="col">Reason</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                {(l.history ?? []).map((h, n) => (
                  <tr key={n}>
                    <td>{when(h.at)}</td>
                    <td>
                      {h.from ?? '—'} → {h.to}
                    </td>
                    <td>
                      {h.movement ? (
                        <>
                          {h.movement.kind} {h.movement.quantity} on line {h.movement.line} by{' '}
                          <a {...linkProps(`/exchanges/${h.movement.declarationExchangeId}`)}>{h.movement.declarationExchangeId}</a>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{h.reason}</td>
                    <td>{h.actor}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </>
      )}
    </>
  );
}
