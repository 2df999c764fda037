import { useState } from 'preact/hooks';
import { getJson, type Me, type Page } from '../api';
import { when } from '../format';
import { linkProps } from '../router';
import { Loading, Pager, Problem, Status, usePager, useLoad } from '../ui';

interface Summary {
  exchangeId: string;
  role: string;
  sender: string;
  kind: string;
  status?: string;
  deliveryStatus?: string;
  messageId?: string | null;
  reference?: string | null;
  mrn?: string | null;
  receivedAt: string;
  updatedAt: string;
}

const STATUSES = ['received', 'validated', 'routed', 'delivered', 'delivered-with-warnings', 'rejected', 'failed'];
const KINDS = ['declaration', 'lpco', 'consignment', 'lpco-status'];

interface Filters {
  q: string;
  sender: string;
  destination: string;
  status: string;
  kind: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { q: '', sender: '', destination: '', status: '', kind: '', from: '', to: '' };

/** A datetime-local value (the browser's local time) as the API's UTC date-time. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function ExchangesScreen({ me }: { me: Me }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const pager = usePager();
  const { value, error, loading } = useLoad(
    () =>
      getJson<Page<Summary>>('/v1/exchanges', {
        q: filters.q.trim(),
        sender: filters.sender.trim(),
        destination: filters.destination.trim(),
        status: filters.status,
        kind: filters.kind,
        from: isoOf(filters.from),
        to: isoOf(filters.to),
        limit: 50,
        cursor: pager.cursor,
      }),
    [filters, pager.cursor],
  );
  const field = (name: keyof Filters) => ({
    id: `f-${name}`,
    name,
    value: draft[name],
    onInput: (e: Event) => setDraft({ ...draft, [name]: (e.currentTarget as HTMLInputElement).value }),
  });
  const submit = (event: Event) => {
    event.preventDefault();
    pager.reset();
    setFilters({ ...draft });
  };

  return (
    <>
      <h1>Exchanges</h1>
      <p class="muted">{me.operator ? 'Every exchange the gateway holds.' : 'The exchanges you sent, and those delivered to you.'} Newest first.</p>
      <form class="filters" onSubmit={submit}>
        <div class="field wide">
          <label for="f-q">Search</label>
          <input {...field('q')} type="search" placeholder="Exchange id, LRN / functional reference, MRN or message id" maxLength={200} />
        </div>
        <div class="field">
          <label for="f-sender">Sender</label>
          <input {...field('sender')} />
        </div>
        <div class="field">
          <label for="f-destination">Destination</label>
          <input {...field('destination')} />
        </div>
        <div class="field">
          <label for="f-status">Status</label>
          <select {...field('status')}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-kind">Kind</label>
          <select {...field('kind')}>
            <option value="">any</option>
            {KINDS.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-from">Received from</label>
          <input {...field('from')} type="datetime-local" />
        </div>
        <div class="field">
          <label for="f-to">Received to</label>
          <input {...field('to')} type="datetime-local" />
        </div>
        <div class="actions">
          <button type="submit">Search</button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
              pager.reset();
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <Problem error={error} />
      <Loading when={loading} />
      {value && (
        <>
          <table>
            <caption>
              Exchanges{filters.q ? ` matching “${filters.q}”` : ''}, page {pager.page}
            </caption>
            <thead>
              <tr>
                <th scope="col">Exchange</th>
                <th scope="col">Reference</th>
                <th scope="col">Kind</th>
                <th scope="col">Sender</th>
                <th scope="col">Status</th>
                <th scope="col">Received</th>
                <th scope="col">Your role</th>
              </tr>
            </thead>
            <tbody>
              {value.items.length === 0 && (
                <tr>
                  <td colSpan={7}>No exchange matches.</td>
                </tr>
              )}
              {value.items.map((x) => (
                <tr key={x.exchangeId}>
                  <td>
                    <a {...linkProps(`/exchanges/${x.exchangeId}`)}>
                      <code>{x.exchangeId}</code>
                    </a>
                  </td>
                  <td>
                    {x.reference ?? '—'}
                    {x.mrn ? <div class="muted">MRN {x.mrn}</div> : null}
                  </td>
                  <td>{x.kind}</td>
                  <td>{x.sender}</td>
                  <td>
                    <Status value={x.status ?? x.deliveryStatus} />
                  </td>
                  <td>{when(x.receivedAt)}</td>
                  <td>{x.role}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pager={pager} nextCursor={value.nextCursor} label="Exchanges" />
        </>
      )}
    </>
  );
}
