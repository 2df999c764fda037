/** What a Dockerfile's final stage makes, read without Docker (test/docker/*.test.ts). */
import { basename, resolve } from 'node:path';

export interface FinalStage {
  env: Record<string, string>;
  workdir: string;
  user: string;
  volumes: string[];
  /** Sources in the build context or the build stage (`from`), and where they land in the image. */
  copies: Array<{ from?: string; source: string; dest: string }>;
  entrypoint: string[];
  cmd: string[];
}

/** The final stage's instructions this test relies on (a Dockerfile with continuation lines joined). */
export function readFinalStage(dockerfile: string): FinalStage {
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const last = lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
  const stage: FinalStage = { env: {}, workdir: '/', user: 'root', volumes: [], copies: [], entrypoint: [], cmd: [] };
  for (const line of lines.slice(last + 1)) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    switch (instruction.toUpperCase()) {
      case 'ENV':
        for (const [, k, v] of args.matchAll(/(\w+)=(\S+)/g)) stage.env[k!] = v!;
        break;
      case 'WORKDIR':
        stage.workdir = resolve(stage.workdir, args);
        break;
      case 'USER':
        stage.user = args;
        break;
      case 'VOLUME':
        stage.volumes.push(...(JSON.parse(args) as string[]));
        break;
      case 'ENTRYPOINT':
        stage.entrypoint = JSON.parse(args) as string[];
        break;
      case 'CMD':
        stage.cmd = JSON.parse(args) as string[];
        break;
      case 'COPY': {
        const words = rest.filter((w) => !w.startsWith('--chown') && !w.startsWith('--chmod'));
        const from = words[0]?.startsWith('--from=') ? words.shift()!.slice('--from='.length) : undefined;
        const target = words.pop()!;
        // Docker's rule: into a directory when the target ends in / (or several sources are copied).
        const intoDir = target.endsWith('/') || words.length > 1;
        for (const source of words)
          stage.copies.push({ ...(from ? { from } : {}), source, dest: resolve(stage.workdir, target, intoDir ? basename(source) : '') });
        break;
      }
    }
  }
  return stage;
}
