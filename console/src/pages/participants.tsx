import { getJson, type Me } from '../api';
import { when } from '../format';
import { Loading, OperatorsOnly, Problem, Status, useLoad } from '../ui';

/** An mTLS client certificate is registered by fingerprint only: then the rest is null. */
interface Certificate {
  subject: string | null;
  issuer: string | null;
  serial: string | null;
  fingerprint256: string;
  notBefore: string | null;
  notAfter: string | null;
  expiresInDays: number | null;
  flags: string[];
  usage: string;
}

interface Participant {
  id: string;
  kind: string;
  name: string;
  country?: string | null;
  endpoint: string | null;
  operator: boolean;
  transports?: string[];
  agreements: string[];
  certificates: Certificate[];
}

function Certificates({ participant }: { participant: Participant }) {
  if (participant.certificates.length === 0) return <p class="muted">No certificate in its trust store.</p>;
  return (
    <table>
      <caption>Certificates of {participant.id}</caption>
      <thead>
        <tr>
          <th scope="col">Subject</th>
          <th scope="col">Usage</th>
          <th scope="col">Issuer</th>
          <th scope="col">Serial / SHA-256 fingerprint</th>
          <th scope="col">Valid from</th>
          <th scope="col">Expires</th>
          <th scope="col">Flags</th>
        </tr>
      </thead>
      <tbody>
        {participant.certificates.map((c) => (
          <tr key={`${c.fingerprint256}-${c.usage}`} class={c.flags.length > 0 ? 'flagged' : undefined}>
            <td>{c.subject ?? '(registered by fingerprint only)'}</td>
            <td>{c.usage}</td>
            <td>{c.issuer ?? '—'}</td>
            <td>
              {c.serial && (
                <>
                  <code class="hash">{c.serial}</code>
                  <br />
                </>
              )}
              <code class="hash">{c.fingerprint256}</code>
            </td>
            <td>{when(c.notBefore)}</td>
            <td>
              {when(c.notAfter)}
              {c.expiresInDays !== null && <div class="muted">{c.expiresInDays >= 0 ? `in ${c.expiresInDays} days` : `${-c.expiresInDays} days ago`}</div>}
            </td>
            <td>
              {c.flags.length === 0 ? (
                <Status value="valid" />
              ) : (
                c.flags.map((f) => (
                  <span key={f}>
                    <Status value={f} />{' '}
                  </span>
                ))
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ParticipantsScreen({ me }: { me: Me }) {
  const { value, error, loading } = useLoad(
    () => (me.operator ? getJson<{ participants: Participant[] }>('/v1/participants') : Promise.resolve(undefined)),
    [me.operator],
  );
  if (!me.operator) return <OperatorsOnly what="The Participants screen" />;
  const flagged = value?.participants.flatMap((p) => p.certificates.filter((c) => c.flags.length > 0).map((c) => ({ p, c }))) ?? [];
  return (
    <>
      <h1>Participants</h1>
      <Problem error={error} />
      <Loading when={loading} />
      {value && (
        <>
          {flagged.length > 0 && (
            <div class="notice warn" role="status">
              <strong>{flagged.length} certificate(s) need attention:</strong>
              <ul>
                {flagged.map(({ p, c }) => (
                  <li key={`${p.id}-${c.fingerprint256}-${c.usage}`}>
                    {p.id}: {c.subject ?? c.fingerprint256} — {c.flags.join(', ')} ({when(c.notAfter)})
                  </li>
                ))}
              </ul>
            </div>
          )}
          <table>
            <caption>Participants of the gateway</caption>
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Kind</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Agreements (as destination)</th>
                <th scope="col">Certificates</th>
              </tr>
            </thead>
            <tbody>
              {value.participants.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <a href={`#participant-${p.id}`}>{p.id}</a>
                    <div class="muted">
                      {p.name}
                      {p.country ? ` (${p.country})` : ''}
                      {p.operator ? ', operator' : ''}
                    </div>
                  </th>
                  <td>{p.kind}</td>
                  <td>
                    {p.endpoint ?? '—'}
                    {p.transports && p.transports.length > 0 && <div class="muted">{p.transports.join(', ')}</div>}
                  </td>
                  <td>{p.agreements.length > 0 ? p.agreements.join(', ') : '—'}</td>
                  <td>
                    {p.certificates.length}
                    {[...new Set(p.certificates.flatMap((c) => c.flags))].map((f) => (
                      <span key={f}>
                        {' '}
                        <Status value={f} />
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {value.participants.map((p) => (
            <section key={p.id} id={`participant-${p.id}`} aria-labelledby={`h-participant-${p.id}`}>
              <h2 id={`h-participant-${p.id}`}>
                {p.id} <span class="muted">({p.kind})</span>
              </h2>
              <Certificates participant={p} />
            </section>
          ))}
        </>
      )}
    </>
  );
}
