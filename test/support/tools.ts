/**
 * What some test groups need beyond Node, Redis and npm: a command-line tool (xmlsec1, xmllint…)
 * or a service (PostgreSQL). One decision for all of them: present → the group runs; missing →
 * the group is skipped with one visible line naming what is missing and how to get it; missing
 * while the run requires everything (SWGATE_REQUIRE_TOOLS=1, which .ci/run sets) → the group's
 * file fails, naming it, so CI never goes green on a skipped group.
 */
import { spawnSync } from 'node:child_process';
import { xgboostPython } from '../../src/risk/model/train.js';

/** Something a test group needs, and how a developer gets it. */
export interface Requirement {
  name: string;
  remedy: string;
}

export interface Tool extends Requirement {
  command: string;
  /** Arguments that make the command answer at once without side effects. */
  probe: string[];
}

function tool(command: string, debian: string, macos: string, probe = ['--version']): Tool {
  return { name: command, command, probe, remedy: `Debian/Ubuntu: apt-get install ${debian}; macOS: brew install ${macos}` };
}

/** The independent XML-DSig implementation the trust tests sign and verify against. */
export const XMLSEC1 = tool('xmlsec1', 'xmlsec1', 'libxmlsec1');
/** libxml2's XSD validator and exclusive canonicaliser, the references for validation and c14n. */
export const XMLLINT = tool('xmllint', 'libxml2-utils', 'libxml2');
/** A private Redis the runtime tests start, stop and restart (the shared one at REDIS_URL stays up). */
export const REDIS_SERVER = tool('redis-server', 'redis-server', 'redis');
/** The independent OCSP responder and certificate issuer of the OCSP tests. */
export const OPENSSL = tool('openssl', 'openssl', 'openssl', ['version']);
/** The second language of the webhook verification examples (clients/webhooks/verify.py). */
export const PYTHON3 = tool('python3', 'python3', 'python', ['--version']);

/** The browser the console's tests drive (playwright-core launches it by path: /usr/bin/chromium). */
export const CHROMIUM = tool('chromium', 'chromium', 'chromium', ['--version']);

export class MissingRequirementError extends Error {
  override name = 'MissingRequirementError';
}

/** Whether this run must have every requirement (CI); a value other than unset, 0 or 1 is a mistake, not a no. */
function requiresEverything(): boolean {
  const value = process.env.SWGATE_REQUIRE_TOOLS ?? '';
  if (value === '1') return true;
  if (value === '' || value === '0') return false;
  throw new MissingRequirementError(
    `SWGATE_REQUIRE_TOOLS must be 1 (every tool required) or 0/unset (missing tools skip their tests), not ${JSON.stringify(value)}.`,
  );
}

// Once per test file (vitest gives each file its own module instance): one line per missing requirement.
const reported = new Set<string>();

/**
 * The decision for a group whose requirements are missing: false (skip it, said once per
 * requirement, visibly), or a MissingRequirementError naming them all when the run requires everything.
 */
export function unavailable(...missing: Requirement[]): false {
  if (requiresEverything()) {
    const named = missing.map((r) => `${r.name} (${r.remedy})`).join(', ');
    throw new MissingRequirementError(`This run requires everything its tests need (SWGATE_REQUIRE_TOOLS=1), and these are not available: ${named}.`);
  }
  for (const requirement of missing) {
    if (reported.has(requirement.name)) continue;
    reported.add(requirement.name);
    console.warn(`\n  ⚠ ${requirement.name} is not available: the tests that need it are SKIPPED (${requirement.remedy}).\n`);
  }
  return false;
}

const installed = new Map<string, boolean>();

/** Whether the command runs from the PATH (its exit status is not asked: only whether it exists). */
export function isInstalled(tool: Tool): boolean {
  let answer = installed.get(tool.command);
  if (answer === undefined) {
    answer = spawnSync(tool.command, tool.probe, { stdio: 'ignore' }).error === undefined;
    installed.set(tool.command, answer);
  }
  return answer;
}

/**
 * Whether a group needing these tools runs: `describe.runIf(toolsPresent(XMLSEC1))(…)`. Tests then
 * spawn each tool by its command name, so the PATH that was probed is the PATH that runs.
 */
export function toolsPresent(...tools: Tool[]): boolean {
  const missing = tools.filter((t) => !isInstalled(t));
  return missing.length === 0 || unavailable(...missing);
}

/** XGBoost for Python, which `swgate risk train` and the model parity tests run (src/risk/model/train.ts finds the interpreter). */
const PYTHON3_XGBOOST: Requirement = {
  name: 'python3-xgboost',
  remedy: 'Debian/Ubuntu: apt-get install python3-xgboost; elsewhere: pip install xgboost, or SWGATE_PYTHON naming a Python that has it',
};

/** Whether a group needing XGBoost for Python runs (skipped, or failing under SWGATE_REQUIRE_TOOLS=1, without it). */
export function xgboostPresent(): boolean {
  return xgboostPython() !== undefined || unavailable(PYTHON3_XGBOOST);
}
