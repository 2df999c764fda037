// Simulated agencies in a process of their own, for the delivery benchmark: the sandbox
// destination routes on their own Fastify listener, signing their receipts with their sandbox
// keys (CERTS_DIR) as they do in `swgate start`.
import Fastify from 'fastify';
import { loadConfig } from '../src/config/load.js';
import { sandboxRoutes } from '../src/http/routes/sandbox.js';
import { loadGatewayTrust } from '../src/runtime/trust.js';
import { SandboxDestinations } from '../src/sandbox/destinations.js';
import { signReceipt } from '../src/trust/receipt.js';

const config = { ...loadConfig({}), certsDir: process.env.CERTS_DIR! };
const trust = await loadGatewayTrust(config);
const destinations = new SandboxDestinations(new Map(config.participants.map((p) => [p.id, p])), {
  secret: trust.sandboxDeliverySecret!,
  sign: (participant, receipt) => {
    const key = trust.participantKeyOf(participant);
    return key ? signReceipt(receipt, key) : undefined;
  },
});
const app = Fastify();
sandboxRoutes(app, { destinations, bodyLimit: 5 * 1024 * 1024 });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
