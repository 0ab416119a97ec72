import Database from 'better-sqlite3';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@app/event-store';
import { CandidateProfile, drawAssignments, DRAW_ALGORITHM, EvaluationEvent, EvaluationProtocol, evaluationStream, seedCommitmentOf } from '@app/procurement';
import { newId } from '@app/shared';
import { verifyAll } from './verification';

const TENANT = 'ARA';
const [programmeId, projectId] = ['pric-ara-2026', 'digital'];
const stream = evaluationStream(TENANT, programmeId, projectId);
const protocolFor = (seed: string): EvaluationProtocol => ({
  eligibility: { criteria: 'Job seekers without a qualification', requiredFlags: [] },
  arms: [
    { name: 'treatment', ratio: 2, receivesAction: true },
    { name: 'control', ratio: 1, receivesAction: false },
  ],
  strata: [{ factor: 'territory', levels: ['urban', 'rural'] }],
  seedCommitment: seedCommitmentOf(seed),
  lots: [],
});

/** A history as the command path writes it, one command per group; the draw as given (the honest one by default). */
async function writeHistory(store: EmbeddedEventStore, seed: string, candidates: CandidateProfile[], draw: { seed: string; candidates: CandidateProfile[] } = { seed, candidates }) {
  const protocol = protocolFor(seed);
  const at = '2026-02-02T09:00:00.000Z';
  const commands: EvaluationEvent[][] = [
    [{ type: 'ExperimentalProjectDeclared', data: { tenant: TENANT, programmeId, projectId, title: 'Parcours numériques', protocol, declaredAt: at } }],
    candidates.map((candidate) => ({ type: 'CandidateRegistered', data: { programmeId, projectId, candidate, registeredAt: at } })),
    [{ type: 'CandidateRegistrationClosed', data: { programmeId, projectId, candidates: candidates.length, closedAt: at } }],
    [
      {
        type: 'CandidatesDrawn',
        data: {
          programmeId,
          projectId,
          seed: draw.seed,
          algorithm: DRAW_ALGORITHM,
          candidateIds: draw.candidates.map(({ candidateId }) => candidateId),
          assignments: drawAssignments(draw.seed, protocol.arms, protocol.strata, draw.candidates),
          drawnAt: at,
        },
      },
    ],
  ];
  let revision = -1;
  for (const events of commands) {
    const commandId = newId();
    const metadata = { actorId: 'buyer-ara-1', role: 'buyer' as const, tenant: TENANT, commandId, correlationId: commandId, causationId: commandId, occurredAt: at, schemaVersion: 1 };
    revision = (await store.appendToStream(stream, events.map((event) => ({ id: newId(), type: event.type, data: event.data as never, metadata })), { expectedRevision: revision < 0 ? 'no_stream' : revision })).revision;
  }
}

const seeds = fc.string({ minLength: 1, maxLength: 40 });
const candidateLists = fc
  .array(fc.constantFrom('urban', 'rural'), { minLength: 2, maxLength: 40 })
  .map((territories): CandidateProfile[] => territories.map((territory, i) => ({ candidateId: `tr-candidate-${i}`, strata: { territory }, flags: [] })));

describe('verification of the draws', () => {
  let folder: string;
  const withStore = async (run: (store: EmbeddedEventStore, file: string) => Promise<void>) => {
    const file = join(folder, `${newId()}.db`);
    const store = EmbeddedEventStore.open({ file });
    try {
      await run(store, file);
    } finally {
      await store.close();
    }
  };
  beforeAll(() => (folder = mkdtempSync(join(tmpdir(), 'evaluation-verify-'))));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('decides every draw again from its seed and the candidates registered before it', async () => {
    await fc.assert(
      fc.asyncProperty(seeds, candidateLists, (seed, candidates) =>
        withStore(async (store) => {
          await writeHistory(store, seed, candidates);
          const report = await verifyAll(store);
          expect(report.ok).toBe(true);
          expect(report.decisions.byType.CandidatesDrawn).toEqual({ decided: 1, folded: 0, failed: 0 });
          expect(report.decisions.byType.CandidateRegistered).toEqual({ decided: candidates.length, folded: 0, failed: 0 });
        }),
      ),
      { numRuns: 10 },
    );
  });

  it('detects a draw redone with another seed than the one committed', async () => {
    await fc.assert(
      fc.asyncProperty(seeds, seeds, candidateLists, (seed, other, candidates) => {
        fc.pre(seed !== other);
        return withStore(async (store) => {
          await writeHistory(store, seed, candidates, { seed: other, candidates });
          const report = await verifyAll(store);
          expect(report.ok).toBe(false);
          expect(report.integrity.ok).toBe(true);
          expect(report.firstFailure).toMatchObject({ check: 'decision', type: 'CandidatesDrawn', reason: expect.stringMatching(/EVALUATION_SEED_MISMATCH/) });
        });
      }),
      { numRuns: 10 },
    );
  });

  it('detects a draw made on another list of candidates than the one registered: one left out, or the order changed', async () => {
    await fc.assert(
      fc.asyncProperty(seeds, candidateLists, fc.boolean(), (seed, candidates, leaveOneOut) => {
        const drawnList = leaveOneOut ? candidates.slice(1) : [...candidates].reverse();
        return withStore(async (store) => {
          await writeHistory(store, seed, candidates, { seed, candidates: drawnList });
          const report = await verifyAll(store);
          expect(report.ok).toBe(false);
          expect(report.firstFailure).toMatchObject({ check: 'decision', type: 'CandidatesDrawn', reason: expect.stringMatching(/produces other data/) });
        });
      }),
      { numRuns: 10 },
    );
  });

  it('detects a registration rewritten in the database after the draw: the draw run again assigns otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(seeds, candidateLists, fc.nat(), (seed, candidates, pick) =>
        withStore(async (store, file) => {
          await writeHistory(store, seed, candidates);
          const registered = (await store.readStream(stream)).filter((event) => event.type === 'CandidateRegistered');
          const target = registered[pick % registered.length];
          const territory = (target.data as { candidate: CandidateProfile }).candidate.strata.territory;
          const db = new Database(file);
          const row = db.prepare('SELECT data FROM events WHERE position = ?').get(target.position) as { data: string };
          db.prepare('UPDATE events SET data = ? WHERE position = ?').run(row.data.replace(`"territory":"${territory}"`, `"territory":"${territory === 'urban' ? 'rural' : 'urban'}"`), target.position);
          db.close();
          const reopened = EmbeddedEventStore.open({ file });
          try {
            const report = await verifyAll(reopened);
            expect(report.integrity.ok).toBe(false);
            expect(report.failures).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'decision', type: 'CandidatesDrawn' })]));
          } finally {
            await reopened.close();
          }
        }),
      ),
      { numRuns: 10 },
    );
  });
});
