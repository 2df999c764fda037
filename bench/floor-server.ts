// The floor the ingest benchmark compares against: Fastify + fast-xml-parser answering 202,
// nothing else (no auth, no routing, no storage, no queue).
import Fastify from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { randomUUID } from 'node:crypto';

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, processEntities: true });
const app = Fastify();
app.addContentTypeParser('application/xml', { parseAs: 'string' }, (_req, body, done) => done(null, body));
app.post('/v1/declarations', async (request, reply) => {
  parser.parse(request.body as string);
  return reply.code(202).send({ exchangeId: randomUUID(), status: 'received' });
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
