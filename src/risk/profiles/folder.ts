/**
 * The profiles folder (risk.profilesDir): `<owner>/<name>.yaml`, each file one profile or a list
 * of them, owned by the participant the folder is named after. Read and checked like the API's
 * profiles before anything is opened; a bad file stops the start, naming the file and the
 * finding. Then synced: a changed profile becomes a new version, an unchanged one makes none,
 * and a profile the folder put in the store that is gone from the folder is deleted. Profiles
 * written through the API are the folder's business only when the folder names the same id: at
 * start, the folder's text wins.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { Participant } from '../../config/types.js';
import { RejectionError } from '../../findings.js';
import { checkProfile, type RiskProfile } from './profile.js';
import { type ProfileWriter, currentProfiles, deleteProfile, writeProfile } from './store.js';

/** Participants of these kinds write profiles (and own a folder). */
export const PROFILE_OWNER_KINDS: readonly Participant['kind'][] = ['customs', 'pga'];

export interface FolderProfile {
  owner: string;
  profile: RiskProfile;
  /** The file, relative to the folder. */
  file: string;
}

/** Everything wrong with the folder, one line each: `<file>: <where> <what>`. */
export class ProfileFolderError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid risk profiles:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ProfileFolderError';
  }
}

const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The profiles of the folder; undefined when there is no folder. A missing folder is not an
 * empty one: a mistyped path must not delete every profile the folder synced before. Entries
 * whose names begin with a dot (`.git` of the repository the profiles are kept in) are not owners.
 */
export function loadProfileFolder(dir: string, participants: readonly Participant[]): FolderProfile[] | undefined {
  if (!isDirectory(dir)) return undefined;
  const problems: string[] = [];
  const loaded: FolderProfile[] = [];
  for (const owner of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.'))) {
    const participant = participants.find((p) => p.id === owner.name);
    if (!participant || !PROFILE_OWNER_KINDS.includes(participant.kind)) {
      problems.push(`${owner.name}/: not a customs or PGA participant of the configuration; only they own risk profiles.`);
      continue;
    }
    const seen = new Map<string, string>();
    const files = readdirSync(join(dir, owner.name))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
    for (const name of files) {
      const path = join(dir, owner.name, name);
      const file = relative(dir, path);
      if (statSync(path).size > MAX_FILE_BYTES) {
        problems.push(`${file}: larger than ${MAX_FILE_BYTES} bytes.`);
        continue;
      }
      const doc = parseDocument(readFileSync(path, 'utf8'), { uniqueKeys: true });
      if (doc.errors.length > 0) {
        problems.push(...doc.errors.map((e) => `${file}: ${e.message.split('\n')[0]}`));
        continue;
      }
      const content: unknown = doc.toJS({ maxAliasCount: 100 });
      const entries = Array.isArray(content) ? content : [content];
      for (const [i, entry] of entries.entries()) {
        const where = Array.isArray(content) ? `[${i}]` : '';
        const checked = checkProfile(entry);
        const earlier = 'profile' in checked ? seen.get(checked.profile.id) : undefined;
        if (!('profile' in checked)) problems.push(...checked.findings.map((f) => `${file}${where}: ${f.path || '/'} ${f.message}`));
        else if (earlier) problems.push(`${file}${where}: profile "${checked.profile.id}" is also in ${earlier}.`);
        else {
          seen.set(checked.profile.id, file);
          loaded.push({ owner: owner.name, profile: checked.profile, file });
        }
      }
    }
  }
  if (problems.length > 0) throw new ProfileFolderError(problems);
  return loaded;
}

/** Brings the store in line with the folder; returns how many versions it wrote. Idempotent. Without a folder it changes nothing. */
export async function syncProfileFolder(writer: ProfileWriter, profiles: readonly FolderProfile[] | undefined): Promise<number> {
  if (profiles === undefined) return 0;
  let versions = 0;
  for (const { owner, profile } of profiles) {
    if ((await writeProfile(writer, owner, profile, 'sync', 'folder')).changed) versions += 1;
  }
  const inFolder = new Set(profiles.map((p) => `${p.owner}/${p.profile.id}`));
  for (const stored of await currentProfiles(writer.store)) {
    if (stored.source !== 'folder' || inFolder.has(`${stored.owner}/${stored.profile.id}`)) continue;
    // Another instance starting beside this one may have deleted it first.
    const deleted = await deleteProfile(writer, stored.owner, stored.profile.id, 'folder').then(
      () => true,
      (error: unknown) => {
        if (error instanceof RejectionError && error.status === 404) return false;
        throw error;
      },
    );
    if (deleted) versions += 1;
  }
  return versions;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
