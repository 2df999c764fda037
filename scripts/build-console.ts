/**
 * Builds the operator console (console/ → console/dist) with Vite when its sources are newer
 * than the build, so that `npm start` (prestart), the test suite (Vitest's globalSetup) and the
 * Docker image all serve a current console without anyone running a build by hand. The build is
 * not committed.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const CONSOLE = join(ROOT, 'console');
const OUT = join(CONSOLE, 'dist');
/** What the build reads besides console/src: a changed dependency or tool rebuilds too. */
const INPUTS = [join(CONSOLE, 'src'), join(CONSOLE, 'index.html'), join(ROOT, 'package-lock.json'), join(ROOT, 'scripts', 'build-console.ts')];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function consoleIsStale(): boolean {
  const built = join(OUT, 'index.html');
  if (!existsSync(built)) return true;
  return Math.max(...INPUTS.filter(existsSync).map(newest)) > statSync(built).mtimeMs;
}

export async function buildConsole(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: CONSOLE,
    base: '/console/',
    logLevel: 'warn',
    // Preact's automatic JSX runtime, without a plugin.
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: OUT,
      emptyOutDir: true,
      target: 'es2022',
      // No inline module-preload polyfill: the page's CSP allows no inline script.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      reportCompressedSize: false,
    },
  });
}

export async function buildConsoleIfStale(): Promise<boolean> {
  if (!consoleIsStale()) return false;
  await buildConsole();
  return true;
}

/** Vitest's globalSetup: the browser tests and the gateway's /console routes need the build. */
export default async function setup(): Promise<void> {
  await buildConsoleIfStale();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const force = process.argv.includes('--force');
  if (force) await buildConsole();
  const built = force || (await buildConsoleIfStale());
  process.stdout.write(built ? `console: built ${OUT}\n` : 'console: up to date\n');
}
