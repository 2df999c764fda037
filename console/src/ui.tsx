import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';

/** What a screen loads: the value, the error, whether it is loading, and a way to load again. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { value?: T; error?: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ value?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (value) => current && setState({ value, loading: false }),
      (error: unknown) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

/** A refusal as the API gave it: its title and every finding, as text. */
export function Problem({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    return (
      <div class="problem" role="alert">
        <strong>
          {error.status} {error.title}
        </strong>
        {error.findings.length > 0 && (
          <ul>
            {error.findings.map((f) => (
              <li key={`${f.code}${f.path ?? ''}${f.message}`}>
                <code>{f.code}</code> {f.message}
                {f.path ? ` (${f.path})` : ''}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div class="problem" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </div>
  );
}

export function Loading({ when }: { when: boolean }) {
  return when ? (
    <p class="muted" aria-live="polite">
      Loading…
    </p>
  ) : null;
}

const TONES: Record<string, string> = {
  delivered: 'good',
  acknowledged: 'good',
  'delivered-with-warnings': 'warn',
  retrying: 'warn',
  queued: 'info',
  'in-flight': 'info',
  routed: 'info',
  received: 'info',
  validated: 'info',
  failed: 'bad',
  rejected: 'bad',
  revoked: 'bad',
  expired: 'bad',
  expiring: 'warn',
  valid: 'good',
  green: 'good',
  yellow: 'warn',
  red: 'bad',
};

export function Status({ value }: { value: string | null | undefined }) {
  if (!value) return <span class="muted">—</span>;
  return <span class={`status ${TONES[value] ?? 'info'}`}>{value}</span>;
}

/**
 * Server-side pages: the API hands a cursor for the next page; the previous ones are the cursors
 * already followed, kept here.
 */
export function usePager(): { cursor: string | undefined; page: number; next: (cursor: string) => void; previous: () => void; reset: () => void } {
  const [trail, setTrail] = useState<Array<string | undefined>>([undefined]);
  return {
    cursor: trail.at(-1),
    page: trail.length,
    next: (cursor) => setTrail((t) => [...t, cursor]),
    previous: () => setTrail((t) => (t.length > 1 ? t.slice(0, -1) : t)),
    reset: () => setTrail([undefined]),
  };
}

export function Pager({ pager, nextCursor, label }: { pager: ReturnType<typeof usePager>; nextCursor: string | undefined; label: string }) {
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={pager.previous} disabled={pager.page <= 1}>
        Previous
      </button>
      <span>Page {pager.page}</span>
      <button type="button" onClick={() => nextCursor && pager.next(nextCursor)} disabled={!nextCursor}>
        Next
      </button>
    </nav>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  const headingId = `h-${(id ?? title).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/** For a participant that may not use a screen: said plainly, instead of a broken page. */
export function OperatorsOnly({ what }: { what: string }) {
  return (
    <p class="notice">
      {what} is for the gateway's operators. Your key belongs to a participant that is not one: the Exchanges screen shows what you sent and receive.
    </p>
  );
}

/** A file the browser saves, made from text already fetched (the key never goes into a URL). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
