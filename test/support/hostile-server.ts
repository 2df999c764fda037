import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP server on loopback for what an outbound request may meet. `/huge?bytes=N` answers N
 * bytes, `/silent` never answers, `/trickle` sends its headers and then a byte every 50 ms for
 * ever, `/redirect?to=PATH` answers 302 to PATH on this server; any other path goes to `answer`.
 */
export interface HostileServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The paths asked so far, with their query. */
  asked: string[];
  close(): Promise<void>;
}

export async function startHostileServer(
  answer: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.end('ok'),
): Promise<HostileServer> {
  const asked: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    asked.push(url.pathname + url.search);
    if (url.pathname === '/huge') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(Buffer.alloc(Number(url.searchParams.get('bytes')), 0x30));
    } else if (url.pathname === '/silent') {
      // Holds the request open until the client gives up or the server closes.
    } else if (url.pathname === '/trickle') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const drip = setInterval(() => response.write('0'), 50);
      response.on('close', () => clearInterval(drip));
    } else if (url.pathname === '/redirect') {
      response.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
    } else {
      answer(request, response);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
