import { describe, expect, it } from 'vitest';
import { decide, decisionDocumentName, isDecisionDocument, mostSevere, ownersDecision } from '../../src/risk/decide.js';
import { compileProfiles } from '../../src/risk/profiles/compile.js';

const NO_PROFILES = compileProfiles([]);
import type { ItemFacts } from '../../src/risk/fact-names.js';
import type { ScoringRow } from '../../src/risk/history.js';
import type { ProfileHit, ProfileSet, RiskScorer } from '../../src/risk/vocabulary.js';

/** A compiled profile set as risk-profiles hands one over: plain functions over ItemFacts. */
function profileSet(
  profiles: Array<{ id: string; owner: string; lane: ProfileHit['lane']; when: (f: ItemFacts) => boolean; instruction?: string }>,
): ProfileSet {
  return {
    version: 'v-test',
    evaluate: (items) =>
      items.flatMap((facts, item) =>
        profiles
          .filter((p) => p.when(facts))
          .map((p) => ({ profile: p.id, version: 1, owner: p.owner, lane: p.lane, item, ...(p.instruction ? { instruction: p.instruction } : {}) })),
      ),
  };
}

const row = (sgdId: string, cifValue: number): ScoringRow => ({
  sgdId,
  date: '2026-12-06',
  importerId: 'I',
  declarantId: 'D',
  country: 'XA',
  officeId: 'O',
  tariffCode: '85171300',
  quantity: 1,
  grossWeight: 1,
  fobValue: cifValue,
  cifValue,
  totalTaxes: 0,
});

/** Scores an item by its CIF value: 0.95 above 1000, else 0.1. */
const scorer: RiskScorer = { version: 'm-1', score: (r) => (r.cifValue > 1000 ? 0.95 : 0.1) };

const items: ItemFacts[] = [
  { origin: 'XA', commodity: '85171300', unitValuePerKg: 10 },
  { origin: 'DE', commodity: '06029020', unitValuePerKg: 500 },
];
const rows = [row('E/1', 50), row('E/2', 5000)];
const at = new Date('2026-12-06T10:00:00Z');

describe('one decision per declaration', () => {
  it('puts the declaration in the most severe lane of its items', () => {
    const profiles = profileSet([
      { id: 'phones-xa', owner: 'customs', lane: 'yellow', when: (f) => f.origin === 'XA' },
      { id: 'plants', owner: 'pga-plant', lane: 'red', when: (f) => f.commodity?.startsWith('06') === true, instruction: 'inspect roots' },
    ]);
    const decision = decide({ profiles, scoreBands: {} }, items, rows, 'E', at);
    expect(decision).toEqual({
      lane: 'red',
      hits: [
        { profile: 'phones-xa', version: 1, owner: 'customs', lane: 'yellow', item: 0 },
        { profile: 'plants', version: 1, owner: 'pga-plant', lane: 'red', item: 1, instruction: 'inspect roots' },
      ],
      score: null,
      model: null,
      profilesVersion: 'v-test',
    });
  });

  it('is green when nothing selects it', () => {
    expect(decide({ profiles: NO_PROFILES, scoreBands: {} }, items, rows, 'E', at)).toMatchObject({
      lane: 'green',
      hits: [],
      profilesVersion: NO_PROFILES.version,
    });
    expect(mostSevere([])).toBe('green');
  });

  it('maps the model’s scores to lanes by each owner’s bands, records the riskiest score, and offers the score as a fact', () => {
    const seen: Array<number | null | undefined> = [];
    const profiles: ProfileSet = {
      version: 'v',
      evaluate: (facts) => {
        seen.push(...facts.map((f) => f.score));
        return [];
      },
    };
    const scoreBands = {
      customs: [
        { from: 0.9, lane: 'red' as const },
        { from: 0.7, lane: 'yellow' as const },
      ],
      'pga-plant': [{ from: 0.99, lane: 'red' as const }],
    };
    const decision = decide({ profiles, scorer, scoreBands }, items, rows, 'E', at);
    expect(seen).toEqual([0.1, 0.95]);
    expect(decision).toMatchObject({ lane: 'red', score: 0.95, model: 'm-1' });
    expect(decision.hits).toEqual([{ profile: 'model', version: 0, owner: 'customs', lane: 'red', instruction: 'model m-1 scored 0.950', item: 1 }]);
  });

  it('holds a scorer’s answer to [0, 1]', () => {
    const wild: RiskScorer = { version: 'w', score: (r) => (r.cifValue > 1000 ? 7 : Number.NaN) };
    expect(decide({ profiles: NO_PROFILES, scorer: wild, scoreBands: {} }, items, rows, 'E', at).score).toBe(1);
  });

  it('tells each owner its own hits and which other owners selected the declaration, nothing of theirs', () => {
    const hits: ProfileHit[] = [
      { profile: 'c1', version: 1, owner: 'customs', lane: 'red', instruction: 'secret customs instruction', item: 0 },
      { profile: 'p1', version: 2, owner: 'pga-plant', lane: 'yellow', instruction: 'check roots', item: 1 },
      { profile: 'f1', version: 1, owner: 'pga-food', lane: 'green', item: 0 },
    ];
    const plant = ownersDecision({ hits }, 'pga-plant');
    expect(plant).toEqual({
      owner: 'pga-plant',
      lane: 'yellow',
      hits: [{ profile: 'p1', lane: 'yellow', item: 1, instruction: 'check roots' }],
      alsoSelectedBy: ['customs'],
    });
    expect(JSON.stringify(plant)).not.toMatch(/c1|secret|f1/);
    expect(ownersDecision({ hits }, 'pga-food')).toMatchObject({ lane: 'green', alsoSelectedBy: ['customs', 'pga-plant'] });
  });

  it('names the decision documents so that no other document is taken for one', () => {
    expect(decisionDocumentName('pga-plant')).toBe('risk-decision-pga-plant');
    expect(isDecisionDocument('risk-decision-pga-plant')).toBe(true);
    expect(['original', 'to-pga-plant', 'wco-json', 'consignment'].some(isDecisionDocument)).toBe(false);
  });
});
