import fc from 'fast-check';
import { countsByStratum, drawAssignments } from './evaluation-draw';
import { CandidateProfile, EvaluationArm, StratificationFactor } from './evaluation.events';

const STRATA: StratificationFactor[] = [
  { factor: 'qualification', levels: ['infra-bac', 'bac'] },
  { factor: 'territory', levels: ['qpv', 'rural', 'other'] },
];

/** Arms with whole ratios from 1 to 4, the first receiving the action. */
const arms = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }).map((ratios): EvaluationArm[] => ratios.map((ratio, i) => ({ name: `arm-${i}`, ratio, receivesAction: i === 0 })));
const candidates = fc
  .array(fc.record({ qualification: fc.constantFrom('infra-bac', 'bac'), territory: fc.constantFrom('qpv', 'rural', 'other') }), { minLength: 1, maxLength: 120 })
  .map((strata): CandidateProfile[] => strata.map((levels, i) => ({ candidateId: `tr-candidate-${i}`, strata: levels, flags: [] })));
const seed = fc.string({ minLength: 1, maxLength: 64 });

describe('the draw', () => {
  it('is reproducible: the same seed, arms and candidates give the same assignment', () => {
    fc.assert(
      fc.property(seed, arms, candidates, (s, a, c) => {
        expect(drawAssignments(s, a, STRATA, c)).toEqual(drawAssignments(s, a.map((arm) => ({ ...arm })), STRATA, c.map((x) => ({ ...x }))));
      }),
    );
  });

  it('assigns every candidate once, in registration order, to an arm of the protocol', () => {
    fc.assert(
      fc.property(seed, arms, candidates, (s, a, c) => {
        const drawn = drawAssignments(s, a, STRATA, c);
        expect(drawn.map(({ candidateId }) => candidateId)).toEqual(c.map(({ candidateId }) => candidateId));
        expect(drawn.every(({ arm }) => a.some(({ name }) => name === arm))).toBe(true);
      }),
    );
  });

  it('follows the ratios within each stratum: exactly for whole blocks, the remainder never above an arm’s ratio', () => {
    fc.assert(
      fc.property(seed, arms, candidates, (s, a, c) => {
        const block = a.reduce((sum, { ratio }) => sum + ratio, 0);
        for (const counts of Object.values(countsByStratum(a, drawAssignments(s, a, STRATA, c)))) {
          const n = Object.values(counts).reduce((sum, count) => sum + count, 0);
          const wholeBlocks = Math.floor(n / block);
          for (const { name, ratio } of a) {
            expect(counts[name]).toBeGreaterThanOrEqual(ratio * wholeBlocks);
            expect(counts[name]).toBeLessThanOrEqual(ratio * (wholeBlocks + 1));
            if (n % block === 0) expect(counts[name]).toBe((ratio * n) / block);
          }
        }
      }),
    );
  });

  it('depends on the seed and on the list: another seed, or the list in another order, draws otherwise', () => {
    const arms11: EvaluationArm[] = [
      { name: 'treatment', ratio: 1, receivesAction: true },
      { name: 'control', ratio: 1, receivesAction: false },
    ];
    const many = Array.from({ length: 60 }, (_, i): CandidateProfile => ({ candidateId: `tr-candidate-${i}`, strata: { qualification: 'bac', territory: 'qpv' }, flags: [] }));
    fc.assert(
      fc.property(seed, seed, (s1, s2) => {
        fc.pre(s1 !== s2);
        // With 60 candidates, two seeds drawing the same assignment has a chance of 1 in C(60, 30) (about 10^17).
        expect(drawAssignments(s1, arms11, STRATA, many)).not.toEqual(drawAssignments(s2, arms11, STRATA, many));
        const armsOf = (list: CandidateProfile[]) => new Map(drawAssignments(s1, arms11, STRATA, list).map(({ candidateId, arm }) => [candidateId, arm]));
        expect(armsOf([...many].reverse())).not.toEqual(armsOf(many));
      }),
      { numRuns: 50 },
    );
  });
});
