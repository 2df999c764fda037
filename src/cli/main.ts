#!/usr/bin/env node
import { Command } from 'commander';
import { API_VERSION } from '../http/app.js';
import { registerAnalytics } from './commands/analytics.js';
import { registerAs4 } from './commands/as4.js';
import { registerAs4ImportPmode } from './commands/as4-pmode.js';
import { registerCerts } from './commands/certs.js';
import { registerDocumentCommands } from './commands/documents.js';
import { registerMap } from './commands/map.js';
import { registerMappings } from './commands/mappings.js';
import { registerRiskModelCommands } from './commands/risk-model.js';
import { registerRiskHistory } from './commands/risk-history.js';
import { registerSign } from './commands/sign.js';
import { registerVerify } from './commands/verify.js';
import { registerVerifySignature } from './commands/verify-signature.js';
import { runGateway } from './run.js';

const program = new Command().name('swgate').description('Single Window interoperability gateway').version(API_VERSION).showHelpAfterError();

program
  .command('start')
  .description('API and delivery workers in one process (the sandbox: `npm start`)')
  .action(() => runGateway({ api: true, workers: true }));
program
  .command('serve')
  .description('the API alone (production: several behind a load balancer)')
  .action(() => runGateway({ api: true, workers: false }));
program
  .command('worker')
  .description('delivery workers alone (production: several on one Redis and one PostgreSQL)')
  .action(() => runGateway({ api: false, workers: true }));
registerDocumentCommands(program);
registerCerts(program);
registerSign(program);
registerVerifySignature(program);
registerVerify(program);
registerMappings(program);
registerMap(program);
registerRiskModelCommands(program);
registerRiskHistory(program);
registerAnalytics(program);
registerAs4(program);
// After registerAs4: it joins the `as4` group that one made.
registerAs4ImportPmode(program);

await program.parseAsync();
