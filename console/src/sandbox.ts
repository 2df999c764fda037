/**
 * Whether the gateway says, on its public GET /, that it runs as the sandbox: only then does the
 * login page name the sandbox keys. Anything else (an older gateway, an error) is no. Apart from
 * api.ts, which holds the session, so that it is tested without a browser.
 */
export async function runsAsSandbox(origin = ''): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/`, { headers: { accept: 'application/json' }, credentials: 'omit' });
    return res.ok && ((await res.json()) as { sandbox?: unknown } | null)?.sandbox === true;
  } catch {
    return false;
  }
}
