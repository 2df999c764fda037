/** Every XSD pattern of the generated DMS schemas, and the inputs that are worst for a backtracking engine. */
import { DMS_DECLARATIONS, DMS_NOTIFICATIONS } from '../../src/documents/wco/dms.js';

export function schemaPatterns(): string[] {
  const patterns = new Set<string>();
  for (const { model } of [DMS_DECLARATIONS, DMS_NOTIFICATIONS]) {
    for (const type of Object.values(model.types)) if (type.kind === 'simple') for (const step of type.patterns) for (const p of step) patterns.add(p);
  }
  return [...patterns];
}

// Characters some pattern allows (letters, digits, the decimal's sign and point, XML and
// non-XML spaces, a non-ASCII digit) and ends that make a long run fail at its last character.
const RUNS = ['a', '0', '20', ' ', '\u00a0', '\u0663', 'a-'];
const ENDS = ['\n', ' ', '!', ''];

/** Long runs of allowed characters followed by a line break or a disallowed character. */
export function worstInputs(size: number): string[] {
  return RUNS.flatMap((run) => ENDS.map((end) => run.repeat(Math.ceil(size / run.length)).slice(0, size) + end));
}
