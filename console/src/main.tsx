import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Me, session, whoIs } from './api';
import { AgreementsScreen } from './pages/agreements';
import { AnalyticsScreen } from './pages/analytics';
import { DeliveriesScreen } from './pages/deliveries';
import { ExchangeScreen } from './pages/exchange';
import { ExchangesScreen } from './pages/exchanges';
import { LogScreen } from './pages/log';
import { LpcoScreen, LpcosScreen } from './pages/lpcos';
import { ParticipantsScreen } from './pages/participants';
import { linkProps, navigate, usePath } from './router';
import { runsAsSandbox } from './sandbox';
import './style.css';

interface Screen {
  path: string;
  name: string;
  /** Shown to operators only: the API answers these to operators alone. */
  operators?: boolean;
}

const SCREENS: Screen[] = [
  { path: '/exchanges', name: 'Exchanges' },
  { path: '/deliveries', name: 'Deliveries', operators: true },
  { path: '/participants', name: 'Participants', operators: true },
  { path: '/agreements', name: 'Agreements' },
  { path: '/lpcos', name: 'e-LPCOs' },
  { path: '/analytics', name: 'Analytics', operators: true },
  { path: '/log', name: 'Log' },
];

function Login({ onLogin }: { onLogin: (me: Me) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [sandbox, setSandbox] = useState(false);
  useEffect(() => {
    let current = true;
    runsAsSandbox().then((yes) => current && setSandbox(yes));
    return () => {
      current = false;
    };
  }, []);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await whoIs(key.trim());
      session.set(key.trim());
      onLogin(me);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'This API key is not registered for any participant.' : `The gateway did not answer: ${String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <h1>swgate console</h1>
      <form onSubmit={submit}>
        <label for="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autoComplete="off" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        <p class="muted">
          The key of your participant.{' '}
          {sandbox && (
            <span data-testid="sandbox-hint">
              This gateway runs as the sandbox: the operator's key is <code>sandbox-customs</code> (the start banner prints it).{' '}
            </span>
          )}
          It is kept in this tab only, until you log out or close it.
        </p>
        <button type="submit" disabled={busy}>
          Log in
        </button>
        {error && (
          <p class="problem" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

function Routes({ path, me }: { path: string; me: Me }) {
  const [, screen, id] = path.split('/');
  switch (screen) {
    case 'exchanges':
      return id ? <ExchangeScreen id={decodeURIComponent(id)} me={me} /> : <ExchangesScreen me={me} />;
    case 'deliveries':
      return <DeliveriesScreen me={me} />;
    case 'participants':
      return <ParticipantsScreen me={me} />;
    case 'agreements':
      return <AgreementsScreen me={me} />;
    case 'lpcos':
      return id ? <LpcoScreen id={decodeURIComponent(id)} /> : <LpcosScreen />;
    case 'analytics':
      return <AnalyticsScreen me={me} />;
    case 'log':
      return <LogScreen />;
    default:
      return (
        <>
          <h1>Not found</h1>
          <p>The console has no screen at this address.</p>
        </>
      );
  }
}

function App() {
  const path = usePath();
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    session.onUnauthorized(() => setMe(null));
    const key = session.key();
    if (!key) {
      setMe(null);
      return;
    }
    whoIs(key).then(setMe, () => {
      session.clear();
      setMe(null);
    });
  }, []);

  useEffect(() => {
    if (me && (path === '/' || path === '')) navigate('/exchanges', true);
  }, [me, path]);

  // A new screen takes the focus, as a page load would: keyboard and screen reader users start at its top.
  const firstPath = useRef(path);
  useEffect(() => {
    if (path !== firstPath.current) document.getElementById('main')?.focus();
  }, [path]);

  const current = SCREENS.find((s) => path.startsWith(s.path));
  useEffect(() => {
    document.title = current ? `${current.name} — swgate console` : 'swgate console';
  }, [current]);

  if (me === undefined) return <p class="muted">Loading…</p>;
  if (me === null) return <Login onLogin={setMe} />;

  // The next participant to log in here starts on its own first screen, not on one this one left open.
  const logout = () => {
    session.clear();
    setMe(null);
    navigate('/', true);
  };
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">swgate console</span>
        <nav aria-label="Screens">
          <ul>
            {SCREENS.filter((s) => !s.operators || me.operator).map((s) => (
              <li key={s.path}>
                <a {...linkProps(s.path)} aria-current={current === s ? 'page' : undefined}>
                  {s.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who" title={me.name}>
          {me.id}
          {me.operator ? ' (operator)' : ''}
          <button type="button" onClick={logout}>
            Log out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Routes path={path} me={me} />
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
