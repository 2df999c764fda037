import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { wcoJsonToXmlString, wcoXmlToJson } from '../../documents/wco/codec.js';
import { parseWcoJson } from '../../documents/wco/json.js';
import { type Finding, hasErrors, RejectionError } from '../../findings.js';
import { validateDocument } from '../../validation/validate-document.js';
import { type CliIo, processIo } from '../io.js';

/** A file's format by its first non-blank character: JSON documents are objects, XML starts with '<'. */
function formatOfFile(bytes: Buffer): 'wco-xml' | 'wco-json' {
  const text = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return text.startsWith('{') ? 'wco-json' : 'wco-xml';
}

const describeFinding = (f: Finding) => `${f.severity.padEnd(7)} ${f.code.padEnd(28)} ${f.xpath ?? f.path}  ${f.message}`;

/** `swgate convert --to json|xml FILE` and `swgate validate FILE`. */
export function registerDocumentCommands(program: Command, io: CliIo = processIo): void {
  const run = (work: () => void) => {
    try {
      work();
    } catch (error) {
      if (!(error instanceof RejectionError)) throw error;
      for (const f of error.findings) io.err(describeFinding(f));
      io.exit(1);
    }
  };

  program
    .command('convert')
    .description('convert a WCO DM declaration between XML and WCO JSON, to stdout')
    .requiredOption('--to <format>', 'json or xml')
    .argument('<file>')
    .action((file: string, options: { to: string }) =>
      run(() => {
        const bytes = readFileSync(file);
        if (options.to === 'json') {
          const { json, findings } = wcoXmlToJson(bytes);
          for (const f of findings) io.err(describeFinding(f));
          if (!json || hasErrors(findings)) return io.exit(1);
          io.out(JSON.stringify(json, null, 2));
        } else if (options.to === 'xml') {
          io.out(wcoJsonToXmlString(parseWcoJson(bytes)));
        } else {
          io.err(`--to must be json or xml (got "${options.to}")`);
          io.exit(1);
        }
      }),
    );

  program
    .command('validate')
    .description('validate a WCO DM declaration (XML or WCO JSON): prints findings, exits 1 on any error')
    .argument('<file>')
    .action((file: string) =>
      run(() => {
        const bytes = readFileSync(file);
        const { findings } = validateDocument(bytes, formatOfFile(bytes));
        for (const f of findings) io.out(describeFinding(f));
        const errors = findings.filter((f) => f.severity === 'error').length;
        io.out(errors === 0 ? `${file}: valid (${findings.length} warnings or notes)` : `${file}: ${errors} errors`);
        io.exit(errors === 0 ? 0 : 1);
      }),
    );
}
