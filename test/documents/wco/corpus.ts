import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SAMPLES = new URL('../../fixtures/wco-dm/samples/', import.meta.url);

/** Every corpus sample path (relative to test/fixtures/wco-dm/), sorted. */
function allSamples(): string[] {
  return (readdirSync(fileURLToPath(SAMPLES), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.xml'))
    .map((f) => `samples/${f}`)
    .sort();
}

/** The corpus declarations (MetaData + Declaration): all samples but notifications. */
export const DECLARATION_SAMPLES = allSamples().filter((f) => !f.includes('notification'));

/** The namespaced corpus notifications (MetaData + RES-DMS Response). */
export const NOTIFICATION_SAMPLES = allSamples().filter((f) => f.includes('/notification/'));
