import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the checked-in OpenAPI document, linted by Redocly (redocly.yaml)', () => {
  it('has no error and no warning', () => {
    // Offline: no telemetry, no update check (the CLI would otherwise ask npm for its latest version).
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NODE_ENV: 'test' };
    const run = spawnSync('npx', ['--no-install', 'redocly', 'lint', '--format=stylish', '--max-problems=50'], { env, encoding: 'utf8', timeout: 120_000 });
    const output = `${run.stdout}${run.stderr}`;
    expect(output, output).toMatch(/Your API description is valid/);
    expect(output, output).not.toMatch(/Warning was generated|You have \d+ warning/);
    expect(run.status, output).toBe(0);
  });
});
