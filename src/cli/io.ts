/** Where a command writes and how it ends: the process by default, a recorder in tests. */
export interface CliIo {
  out(text: string): void;
  err(line: string): void;
  exit(code: 0 | 1): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  exit: (code) => {
    process.exitCode = code;
  },
};
