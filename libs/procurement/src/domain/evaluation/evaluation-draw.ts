import { createHash, createHmac } from 'node:crypto';
import { Assignment, CandidateProfile, EvaluationArm, StratificationFactor } from './evaluation.events';

/** The SHA-256 of a seed as committed in a protocol: lowercase hex of the seed's UTF-8 bytes. */
export function seedCommitmentOf(seed: string): string {
  return createHash('sha256').update(seed, 'utf8').digest('hex');
}

/** A candidate's stratum: its levels in the protocol's order of factors, as a JSON array (`[]` without strata). */
export function stratumOf(strata: StratificationFactor[], candidate: Pick<CandidateProfile, 'strata'>): string {
  return JSON.stringify(strata.map(({ factor }) => candidate.strata[factor]));
}

/**
 * A whole number drawn uniformly from 0 to `bound - 1`, from HMAC-SHA256(seed, label): the first 8 bytes of the
 * MAC read as an unsigned integer, modulo the bound. With bounds below 2^20 the modulo bias is below 2^-44.
 */
function seededIndex(seed: string, label: string, bound: number): number {
  const mac = createHmac('sha256', seed).update(label, 'utf8').digest();
  return Number(mac.readBigUInt64BE(0) % BigInt(bound));
}

/** Fisher-Yates from the last position down, the swap of position i drawn from HMAC(seed, `${label}|${i}`). */
function seededShuffle<T>(items: readonly T[], seed: string, label: string): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = seededIndex(seed, `${label}|${i}`, i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled;
}

/**
 * The draw (algorithm `hmac-sha256-stratified-blocks/1`): a pure function of the seed, the protocol's arms and
 * factors and the candidates in registration order, so anyone holding the record can run it again.
 *
 * For each stratum, taken in the order its first candidate registered:
 * 1. its candidates in registration order are shuffled (Fisher-Yates, the swaps drawn from HMAC-SHA256 keyed with
 *    the seed over `stratum|index`; no other source of chance);
 * 2. one block lists each arm as many times as its ratio, in the protocol's order (ratios 2:1 give [T, T, C]);
 *    the shuffled candidates fill whole blocks in turn, so each arm gets exactly its ratio of every whole block;
 * 3. the last, incomplete block takes its arms from the block shuffled with the label `stratum|remainder`, so
 *    the remainder favours no arm by its place in the protocol.
 * Within a stratum of n candidates and blocks of size B, an arm of ratio r thus gets r·⌊n/B⌋ candidates plus at
 * most r of the remainder: exactly r·n/B when B divides n.
 * The assignments are listed in registration order.
 */
export function drawAssignments(seed: string, arms: readonly EvaluationArm[], strata: StratificationFactor[], candidates: readonly CandidateProfile[]): Assignment[] {
  const block = arms.flatMap((arm) => Array.from({ length: arm.ratio }, () => arm.name));
  const byStratum = new Map<string, string[]>();
  for (const candidate of candidates) {
    const stratum = stratumOf(strata, candidate);
    byStratum.set(stratum, [...(byStratum.get(stratum) ?? []), candidate.candidateId]);
  }
  const armOf = new Map<string, Assignment>();
  for (const [stratum, ids] of byStratum) {
    const shuffled = seededShuffle(ids, seed, stratum);
    const whole = shuffled.length - (shuffled.length % block.length);
    const remainderBlock = seededShuffle(block, seed, `${stratum}|remainder`);
    shuffled.forEach((candidateId, position) => {
      const arm = position < whole ? block[position % block.length] : remainderBlock[position - whole];
      armOf.set(candidateId, { candidateId, stratum, arm });
    });
  }
  return candidates.map(({ candidateId }) => armOf.get(candidateId)!);
}

/** Candidates per arm in each stratum, every arm listed (0 when none was drawn). */
export function countsByStratum(arms: readonly EvaluationArm[], assignments: readonly Assignment[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const { stratum, arm } of assignments) {
    counts[stratum] ??= Object.fromEntries(arms.map(({ name }) => [name, 0]));
    counts[stratum][arm] += 1;
  }
  return counts;
}
