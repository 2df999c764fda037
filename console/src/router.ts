import { useEffect, useState } from 'preact/hooks';

/** The console's screens are paths under /console (the gateway answers each with the page). */
const BASE = '/console';

export function navigate(path: string, replace = false): void {
  const url = `${BASE}${path}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The path below /console, e.g. "/exchanges/01J…". */
export function usePath(): string {
  const read = () => location.pathname.slice(BASE.length) || '/';
  const [path, setPath] = useState(read);
  useEffect(() => {
    const update = () => setPath(read());
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return path;
}

/** A link inside the console: a real href (open in a new tab works), moved to without a reload. */
export function linkProps(path: string): { href: string; onClick: (event: MouseEvent) => void } {
  return {
    href: `${BASE}${path}`,
    onClick: (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(path);
    },
  };
}
