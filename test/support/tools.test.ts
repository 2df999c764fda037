import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { isInstalled, MissingRequirementError, OPENSSL, PYTHON3, REDIS_SERVER, toolsPresent, unavailable, XMLLINT, XMLSEC1, type Tool } from './tools.js';

/** A tool no machine has: a fresh name each time, so no earlier answer or skip line is remembered. */
function missingTool(): Tool {
  const command = `swgate-no-such-tool-${randomBytes(4).toString('hex')}`;
  return { name: command, command, probe: ['--version'], remedy: `Debian/Ubuntu: apt-get install ${command}; macOS: brew install ${command}` };
}

const NODE: Tool = { name: 'node', command: process.execPath, probe: ['--version'], remedy: 'already here' };

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.stubEnv('SWGATE_REQUIRE_TOOLS', undefined);
  vi.stubEnv('CI', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  warn.mockRestore();
});

describe('isInstalled', () => {
  it('is true for a command that runs from the PATH, false for one that does not exist', () => {
    expect(isInstalled(NODE)).toBe(true);
    expect(isInstalled(missingTool())).toBe(false);
  });

  it('does not take a failing exit status for absence: only a command that cannot start is missing', () => {
    expect(isInstalled({ ...NODE, probe: ['-e', 'process.exit(3)'] })).toBe(true);
  });
});

describe('toolsPresent: run, skip visibly, or fail when the run requires every tool', () => {
  it('runs when every tool is there, and says nothing', () => {
    vi.stubEnv('SWGATE_REQUIRE_TOOLS', '1');
    expect(toolsPresent(NODE)).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it('skips when one is missing, with one line naming it and how to install it, once per file', () => {
    const tool = missingTool();
    expect(toolsPresent(NODE, tool)).toBe(false);
    expect(toolsPresent(tool)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0]![0]);
    expect(line.trim().split('\n')).toHaveLength(1);
    expect(line).toContain(`${tool.command} is not available: the tests that need it are SKIPPED`);
    expect(line).toContain(`apt-get install ${tool.command}`);
    expect(line).toContain(`brew install ${tool.command}`);
  });

  it('says one line per missing tool', () => {
    const [first, second] = [missingTool(), missingTool()];
    expect(toolsPresent(first, NODE, second)).toBe(false);
    expect(warn.mock.calls.map(([line]) => String(line).match(/swgate-no-such-tool-\w+/)?.[0])).toEqual([first.command, second.command]);
  });

  it('fails naming every missing tool and its install command when SWGATE_REQUIRE_TOOLS=1', () => {
    vi.stubEnv('SWGATE_REQUIRE_TOOLS', '1');
    const [first, second] = [missingTool(), missingTool()];
    expect(() => toolsPresent(first, NODE, second)).toThrow(MissingRequirementError);
    expect(() => toolsPresent(first, NODE, second)).toThrow(`${first.command} (${first.remedy}), ${second.command} (${second.remedy})`);
    expect(warn).not.toHaveBeenCalled();
  });

  it('CI=true alone, or SWGATE_REQUIRE_TOOLS=0, still skips', () => {
    vi.stubEnv('CI', 'true');
    expect(toolsPresent(missingTool())).toBe(false);
    vi.stubEnv('SWGATE_REQUIRE_TOOLS', '0');
    expect(toolsPresent(missingTool())).toBe(false);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('refuses a SWGATE_REQUIRE_TOOLS it does not understand rather than reading it as "no"', () => {
    for (const value of ['true', 'yes', ' 1', '2']) {
      vi.stubEnv('SWGATE_REQUIRE_TOOLS', value);
      expect(() => toolsPresent(missingTool()), value).toThrow(
        `SWGATE_REQUIRE_TOOLS must be 1 (every tool required) or 0/unset (missing tools skip their tests), not ${JSON.stringify(value)}.`,
      );
    }
  });
});

describe('unavailable: the same decision for a service', () => {
  const postgres = { name: 'PostgreSQL at postgres://postgres@127.0.0.1:1/postgres', remedy: 'start one' };

  it('skips visibly, or fails when the run requires everything', () => {
    expect(unavailable(postgres)).toBe(false);
    expect(String(warn.mock.calls[0]![0])).toContain(
      'PostgreSQL at postgres://postgres@127.0.0.1:1/postgres is not available: the tests that need it are SKIPPED (start one)',
    );
    vi.stubEnv('SWGATE_REQUIRE_TOOLS', '1');
    expect(() => unavailable(postgres)).toThrow(
      'This run requires everything its tests need (SWGATE_REQUIRE_TOOLS=1), and these are not available: PostgreSQL at postgres://postgres@127.0.0.1:1/postgres (start one).',
    );
  });
});

describe('the tools the suite uses', () => {
  it('name the Debian/Ubuntu and macOS packages that install them', () => {
    expect([XMLSEC1, XMLLINT, REDIS_SERVER, OPENSSL, PYTHON3].map((tool) => [tool.command, tool.remedy])).toEqual([
      ['xmlsec1', 'Debian/Ubuntu: apt-get install xmlsec1; macOS: brew install libxmlsec1'],
      ['xmllint', 'Debian/Ubuntu: apt-get install libxml2-utils; macOS: brew install libxml2'],
      ['redis-server', 'Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis'],
      ['openssl', 'Debian/Ubuntu: apt-get install openssl; macOS: brew install openssl'],
      ['python3', 'Debian/Ubuntu: apt-get install python3; macOS: brew install python'],
    ]);
  });
});
