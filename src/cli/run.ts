import { ConfigError, loadConfig } from '../config/load.js';
import type { GatewayConfig } from '../config/types.js';
import { type GatewayRoles, startGateway } from '../runtime/gateway.js';
import { RedisUnavailableError } from '../runtime/redis.js';

/** Starts the gateway in the given roles and keeps it running until SIGINT or SIGTERM. */
export async function runGateway(roles: GatewayRoles): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  try {
    gateway = await startGateway(config, roles);
  } catch (error) {
    if (error instanceof RedisUnavailableError || error instanceof ConfigError) fail(error.message);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail(`port ${config.port} on ${config.host} is already in use (another swgate?): stop what holds it, or choose another with PORT=…`);
    }
    throw error;
  }
  if (roles.api && gateway.url) printBanner(config, gateway.url, roles, (await gateway.ephytoHub?.catch(() => undefined))?.url);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    gateway.logger.info({ signal }, 'shutting down: finishing in-flight requests and deliveries');
    await gateway.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

function fail(message: string): never {
  process.stderr.write(`swgate: ${message}\n`);
  process.exit(1);
}

function printBanner(config: GatewayConfig, url: string, roles: GatewayRoles, hubUrl: string | undefined): void {
  const lines = [
    '',
    `swgate is listening on ${url}${roles.workers ? ' (API and delivery workers)' : ' (API only)'}`,
    `  API documentation: ${url}/docs    OpenAPI: ${url}/openapi.json`,
    `  Console: ${url}/console${config.sandbox ? ' (log in as the operator with the API key sandbox-customs)' : ''}`,
    `  eDelivery AS4 access point: POST ${url}/as4 (party ${config.as4.partyId}${config.as4.partyIdType ? `, type ${config.as4.partyIdType}` : ''})`,
  ];
  if (config.sandbox) {
    lines.push('  Sandbox credentials (public by design):');
    for (const p of config.participants.filter((x) => x.apiKeySha256.length > 0))
      lines.push(
        `    ${p.id.padEnd(14)} ${p.kind.padEnd(16)} Authorization: Bearer sandbox-${p.id}${p.as4 ? `   (reached over AS4 as ${p.as4.partyId})` : ''}`,
      );
    lines.push(
      `  Try: curl -H 'Authorization: Bearer sandbox-trader-demo' -H 'Content-Type: application/xml' --data-binary @test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml ${url}/v1/declarations`,
    );
    if (hubUrl && config.ephytoHub) {
      lines.push(
        `  Simulated IPPC ePhyto Hub (the hub's WSDL): ${hubUrl}/hub/<country>/DeliveryService (this gateway is ${config.ephytoHub.country}; WSDL at ?wsdl)`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
