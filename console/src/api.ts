/**
 * The public API, as the console calls it: the key the operator typed, kept in sessionStorage
 * (gone when the tab closes), sent as a bearer token, never in a URL. A 401 forgets it and
 * returns to the login page.
 */
const KEY = 'swgate.apiKey';

export interface Finding {
  code: string;
  message: string;
  path?: string;
  severity?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly findings: Finding[],
  ) {
    super(findings[0]?.message ?? title);
  }
}

let onUnauthorized: () => void = () => {};

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
  onUnauthorized: (handler: () => void) => {
    onUnauthorized = handler;
  },
};

type Query = Record<string, string | number | undefined | null | readonly string[]>;

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(name, value.join(','));
    } else params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function call(path: string, init: RequestInit = {}, key = session.key()): Promise<Response> {
  const headers = new Headers(init.headers);
  if (key) headers.set('authorization', `Bearer ${key}`);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  const res = await fetch(path, { ...init, headers, credentials: 'omit', cache: 'no-store' });
  if (res.ok) return res;
  let problem: { title?: string; findings?: Finding[] } = {};
  try {
    problem = (await res.json()) as typeof problem;
  } catch {
    // Not problem+json (a proxy's page): the status says enough.
  }
  if (res.status === 401 && key === session.key()) {
    session.clear();
    onUnauthorized();
  }
  throw new ApiError(res.status, problem.title ?? res.statusText, Array.isArray(problem.findings) ? problem.findings : []);
}

export async function getJson<T>(path: string, query?: Query): Promise<T> {
  return (await (await call(withQuery(path, query))).json()) as T;
}

export async function getText(path: string, accept: string): Promise<{ text: string; type: string }> {
  const res = await call(path, { headers: { accept } });
  return { text: await res.text(), type: res.headers.get('content-type') ?? '' };
}

export async function send<T>(method: 'POST' | 'PUT', path: string, body: string, contentType: string, query?: Query): Promise<T> {
  const res = await call(withQuery(path, query), { method, body, headers: { 'content-type': contentType } });
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Checks a key before keeping it: whom it belongs to, or the API's refusal. */
export async function whoIs(key: string): Promise<Me> {
  return (await (await call('/v1/participants/me', {}, key)).json()) as Me;
}

export interface Me {
  id: string;
  kind: string;
  name: string;
  country?: string;
  operator: boolean;
}

/** A page of a list the API pages by cursor. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
