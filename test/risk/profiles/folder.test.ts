import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load.js';
import { loadProfileFolder, ProfileFolderError, syncProfileFolder } from '../../../src/risk/profiles/folder.js';
import { findProfile, profileHistory, writeProfile } from '../../../src/risk/profiles/store.js';
import { configuredProfiles } from '../../../src/runtime/gateway.js';
import { openStores, type Stores } from '../../../src/runtime/stores.js';
import { TEST_REDIS_URL, testRedisPrefix } from '../../support/redis.js';

const config = loadConfig({ SWGATE_DATA_DIR: join(tmpdir(), 'unused') });
const { participants } = config;

const PHONES = `id: phones
when:
  all:
    - { fact: origin, in: [XA, XB] }
    - { fact: commodity, startsWith: "8517" }
lane: red
`;
const TWO = `- id: plants
  when: { fact: commodity, startsWith: "06" }
  lane: yellow
- id: sampled
  when: { fact: direction, equals: import }
  sampleRate: 0.05
  lane: yellow
`;

describe('the profiles folder', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const problemsOf = () => {
    try {
      loadProfileFolder(dir, participants);
    } catch (error) {
      expect(error).toBeInstanceOf(ProfileFolderError);
      return (error as ProfileFolderError).problems;
    }
    throw new Error('the folder was accepted');
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'swgate-profiles-dir-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads one profile or a list per file, owned by the folder it is in, past dot-folders; no folder is not an empty one', () => {
    expect(loadProfileFolder(join(dir, 'absent'), participants)).toBeUndefined();
    expect(loadProfileFolder(dir, participants)).toEqual([]);
    write('.git/config', '[core]');
    write('customs/phones.yaml', PHONES);
    write('pga-plant/more.yml', TWO);
    write('pga-plant/README.md', 'not a profile');
    expect((loadProfileFolder(dir, participants) ?? []).map((p) => `${p.owner}/${p.profile.id} ${p.file}`)).toEqual([
      'customs/phones customs/phones.yaml',
      'pga-plant/plants pga-plant/more.yml',
      'pga-plant/sampled pga-plant/more.yml',
    ]);
  });

  it('stops at a bad file, naming the file and the finding', () => {
    write('customs/bad.yaml', PHONES.replace('origin', 'colour').replace('id: phones', 'id: bad'));
    expect(problemsOf()).toEqual(['customs/bad.yaml: /when/all/0/fact Unknown fact "colour".']);
    write('customs/bad.yaml', '- id: bad\n  when: { fact: origin, equals: XA }\n  lane: purple\n');
    expect(problemsOf()).toEqual(['customs/bad.yaml[0]: /lane Unknown lane "purple": one of green, yellow, red.']);
    write('customs/bad.yaml', 'id: [unclosed\n');
    expect(problemsOf()[0]).toMatch(/^customs\/bad\.yaml: /);
    write('customs/bad.yaml', PHONES);
    expect(problemsOf()).toEqual(['customs/phones.yaml: profile "phones" is also in customs/bad.yaml.']);
    unlinkSync(join(dir, 'customs/bad.yaml'));
    for (const notOwner of ['trader-demo', 'no-such-participant']) {
      write(`${notOwner}/p.yaml`, PHONES);
      expect(problemsOf()).toEqual([`${notOwner}/: not a customs or PGA participant of the configuration; only they own risk profiles.`]);
      rmSync(join(dir, notOwner), { recursive: true });
    }
  });

  it('is found where the configuration says: the environment, else the file (relative to it), else risk-profiles beside the file', () => {
    expect(config.risk.profilesDir).toBe(join(process.cwd(), 'config/risk-profiles'));
    const fromEnv = loadConfig({ SWGATE_DATA_DIR: join(tmpdir(), 'unused'), SWGATE_RISK_PROFILES_DIR: 'elsewhere' });
    expect(fromEnv.risk.profilesDir).toBe(join(process.cwd(), 'elsewhere'));
    const production = loadConfig({ SWGATE_DATA_DIR: join(tmpdir(), 'unused'), SWGATE_CONFIG: 'config/production.example.yaml' });
    expect(production.risk.profilesDir).toBe('/etc/swgate/risk-profiles');
    write('config.yaml', 'risk: { profilesDir: mine }\nparticipants: [{ id: customs, kind: customs, name: C }]\nagreements: []\n');
    expect(loadConfig({ SWGATE_DATA_DIR: join(tmpdir(), 'unused'), SWGATE_CONFIG: join(dir, 'config.yaml') }).risk.profilesDir).toBe(join(dir, 'mine'));
    write('config.yaml', 'participants: [{ id: customs, kind: customs, name: C }]\nagreements: []\n');
    expect(loadConfig({ SWGATE_DATA_DIR: join(tmpdir(), 'unused'), SWGATE_CONFIG: join(dir, 'config.yaml') }).risk.profilesDir).toBe(
      join(dir, 'risk-profiles'),
    );
    rmSync(join(dir, 'config.yaml'));
  });

  it('stops the start with a configuration error naming the file', () => {
    write('pga-food/x.yaml', 'id: x\nwhen: { fact: origin, below: 3 }\nlane: red\n');
    expect(() => configuredProfiles({ ...config, risk: { ...config.risk, profilesDir: dir } })).toThrow(ConfigError);
    expect(() => configuredProfiles({ ...config, risk: { ...config.risk, profilesDir: dir } })).toThrow(
      /risk\.profilesDir: pga-food\/x\.yaml: \/when\/below "below" on string fact "origin"/,
    );
    rmSync(join(dir, 'pga-food'), { recursive: true });
  });

  describe('synced into the store', () => {
    let stores: Stores;
    const dataDir = mkdtempSync(join(tmpdir(), 'swgate-profiles-sync-'));
    beforeAll(async () => {
      const own = loadConfig({ SWGATE_DATA_DIR: dataDir, REDIS_URL: TEST_REDIS_URL, SWGATE_REDIS_PREFIX: testRedisPrefix(), LOG_LEVEL: 'silent' });
      stores = await openStores(own, pino({ level: 'silent' }));
    });
    afterAll(async () => {
      await stores?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const sync = () => syncProfileFolder(stores, loadProfileFolder(dir, participants));

    it('as versions of the owner, idempotently: an unchanged file makes no new version', async () => {
      expect(await sync()).toBe(3);
      expect(await sync()).toBe(0);
      expect(await findProfile(stores.store, 'customs', 'phones')).toMatchObject({ owner: 'customs', version: 1, source: 'folder' });
      expect((await stores.log.receiptForExchange('risk-profile:pga-plant:plants')).entries[0]?.record.agent.participant).toBe('pga-plant');
    });

    it('a changed file is a new version; a removed one is deleted; profiles written through the API stay', async () => {
      await writeProfile(stores, 'customs', { id: 'api-only', when: { fact: 'origin', equals: 'XZ' }, lane: 'green' }, 'create', 'api');
      write('customs/phones.yaml', PHONES.replace('lane: red', 'lane: yellow'));
      unlinkSync(join(dir, 'pga-plant/more.yml'));
      expect(await sync()).toBe(3);
      expect(await findProfile(stores.store, 'customs', 'phones')).toMatchObject({ version: 2, profile: { lane: 'yellow' } });
      expect(await findProfile(stores.store, 'pga-plant', 'plants')).toBeUndefined();
      expect((await profileHistory(stores.store, 'pga-plant', 'plants')).map((v) => [v.version, v.deleted, v.source])).toEqual([
        [1, false, 'folder'],
        [2, true, 'folder'],
      ]);
      expect(await findProfile(stores.store, 'customs', 'api-only')).toBeDefined();
      expect(await sync()).toBe(0);
    });

    it('deletes nothing when the folder is missing (a mistyped path), and everything of its when it is there and empty', async () => {
      expect(await syncProfileFolder(stores, loadProfileFolder(join(dir, 'mistyped'), participants))).toBe(0);
      expect(await findProfile(stores.store, 'customs', 'phones')).toBeDefined();
      const empty = mkdtempSync(join(tmpdir(), 'swgate-profiles-empty-'));
      expect(await syncProfileFolder(stores, loadProfileFolder(empty, participants))).toBe(1);
      expect(await findProfile(stores.store, 'customs', 'phones')).toBeUndefined();
      expect(await findProfile(stores.store, 'customs', 'api-only')).toBeDefined();
      rmSync(empty, { recursive: true });
    });
  });
});
