// A simulated agency in a process of its own, for the delivery benchmark: the sandbox destination
// routes on their own Fastify listener.
import Fastify from 'fastify';
import { loadConfig } from '../src/config/load.js';
import { sandboxRoutes } from '../src/http/routes/sandbox.js';
import { SandboxDestinations } from '../src/sandbox/destinations.js';

const { participants } = loadConfig({});
const app = Fastify();
sandboxRoutes(app, { destinations: new SandboxDestinations(new Map(participants.map((p) => [p.id, p]))), bodyLimit: 5 * 1024 * 1024 });
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
