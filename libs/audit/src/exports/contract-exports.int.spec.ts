import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, Role } from '@app/event-store';
import { contractStream, ProcurementCommand, procurementDecider } from '@app/procurement';
import { handleCommand, idFromName, NotFoundError, RuleViolation } from '@app/shared';
import { BUYER, ScriptedHistory, TENANT, writeScriptedHistory } from '../testing/audit-fixtures';
import { ContractExports, OcdsReleasePackage } from './contract-exports';
import { DecpDocument } from './decp-marche';
import { assertValid, ExportSchemaViolation, schemaProblems } from './schema-validation';

const SIRET = '23690001100012';

describe('contract exports (DECP and OCDS) validated by their official schemas', () => {
  let folder: string;
  let store: EmbeddedEventStore;
  let history: ScriptedHistory;
  let exports: ContractExports;
  const durationAmendmentId = idFromName('amendment-duration', String(Math.random()));

  /** One more command on the scripted contract, as `actor`. */
  const send = (at: string, command: (meta: { at: string; actorId: string; providerId?: string }) => ProcurementCommand, actor = BUYER, role: Role = 'buyer', providerId?: string) => {
    const commandId = idFromName('export-test', at, actor, String(Math.random()));
    return handleCommand(store, procurementDecider, contractStream(history.contractId), command({ at, actorId: actor, ...(providerId ? { providerId } : {}) }), {
      actorId: actor,
      role,
      tenant: TENANT,
      ...(providerId ? { providerId } : {}),
      commandId,
      correlationId: commandId,
      causationId: commandId,
      occurredAt: at,
    });
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'audit-exports-'));
    store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    history = await writeScriptedHistory(store);
    // A second amendment: one more month for the whole contract, accepted by both holders.
    const amendmentId = durationAmendmentId;
    await send('2026-04-01T09:00:00.000Z', (meta) => ({
      type: 'ProposeAmendment',
      meta,
      data: { amendmentId, description: 'Prolongation d’un mois', change: { kind: 'DURATION', newEndDate: '2028-01-31' } },
    }));
    await send('2026-04-02T09:00:00.000Z', (meta) => ({ type: 'SignAmendment', meta, data: { amendmentId } }));
    await send('2026-04-03T09:00:00.000Z', (meta) => ({ type: 'NotifyAmendment', meta, data: { amendmentId } }));
    await send('2026-04-06T09:00:00.000Z', (meta) => ({ type: 'AcceptAmendment', meta, data: { amendmentId } }), 'of-a-user', 'provider', 'of-a');
    await send('2026-04-07T09:00:00.000Z', (meta) => ({ type: 'AcceptAmendment', meta, data: { amendmentId } }), 'of-b-user', 'provider', 'of-b');
    exports = new ContractExports(store, { ocidPrefix: 'ocds-t3st00', buyerSirets: { [TENANT]: SIRET } });
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  describe('OCDS', () => {
    let ocds: OcdsReleasePackage;
    beforeAll(async () => {
      ocds = await exports.ocdsOfContract(history.contractId, TENANT);
    });

    it('is a release package that validates against the OCDS 1.1 release-package and release schemas', () => {
      expect(schemaProblems('ocds', ocds)).toEqual([]);
      expect(ocds.version).toBe('1.1');
    });

    it('keeps each release to what its decision changed: an amendment or a milestone appears in the release that made it', () => {
      for (const release of ocds.releases) {
        for (const amendment of release.contracts.flatMap((contract) => contract.amendments ?? [])) expect(amendment.releaseID).toBe(release.id);
      }
      expect(ocds.releases.filter((release) => release.contracts.some((contract) => contract.implementation))).toHaveLength(3);
    });

    it('has one release per decision of the contract, in order, with unique ids under the configured ocid prefix', async () => {
      const events = await store.readStream(contractStream(history.contractId));
      expect(ocds.releases.map((release) => release.id)).toEqual(events.map((event) => `ocds-t3st00-${history.contractId}-${event.revision}`));
      expect(new Set(ocds.releases.map((release) => release.ocid))).toEqual(new Set([`ocds-t3st00-${history.contractId}`]));
      expect(ocds.releases.map((release) => release.tag[0]).slice(0, 6)).toEqual(['planning', 'planningUpdate', 'planningUpdate', 'planningUpdate', 'tender', 'award']);
    });

    it('states the amounts in euros with currency EUR (events keep cents)', () => {
      const last = ocds.releases.at(-1)!;
      expect(last.tender.value).toEqual({ amount: 1_000_000, currency: 'EUR' });
      // 50 pathways at 3,000 €, then 5 more.
      expect(milestonesOf(ocds, 'contract-LOT-1').map((milestone) => milestone.value.amount)).toEqual([150_000, 165_000, 165_000]);
      expect(milestonesOf(ocds, 'contract-LOT-1')[0]).toMatchObject({ id: `order-${history.orderId}`, status: 'scheduled', dueDate: '2026-12-31T00:00:00Z' });
      expect(last.awards.map((award) => [award.id, award.suppliers])).toEqual([
        ['award-LOT-1', [{ id: 'of-a', name: 'of-a' }]],
        ['award-LOT-2', [{ id: 'of-b', name: 'of-b' }]],
      ]);
    });

    it('carries amendments in force and order adjustments as contract amendments, with their legal basis or clause and release ids', () => {
      const last = ocds.releases.at(-1)!;
      const lot1 = amendmentsOf(ocds, 'contract-LOT-1');
      expect(lot1.map((amendment) => amendment.id)).toEqual(['adjustment-' + String(revisionOf(ocds, 'Clause VOL-1')), history.amendmentId, durationAmendmentId]);
      const price = lot1.find((amendment) => amendment.id === history.amendmentId)!;
      expect(price.rationale).toMatch(/R2194/);
      expect(price.description).toContain('unit price 3100 EUR');
      const releaseIds = ocds.releases.map((release) => release.id);
      expect(releaseIds.indexOf(price.releaseID)).toBe(releaseIds.indexOf(price.amendsReleaseID) + 1);
      expect(amendmentsOf(ocds, 'contract-LOT-2').map((amendment) => amendment.id)).toEqual([durationAmendmentId]);
      expect(last.contracts.find((contract) => contract.id === 'contract-LOT-2')!.period.endDate).toBe('2028-01-31T00:00:00Z');
      expect(last.tender.contractPeriod.endDate).toBe('2027-12-31T00:00:00Z');
    });
  });

  describe('DECP', () => {
    let decp: DecpDocument;
    beforeAll(async () => {
      decp = await exports.decpOfContract(history.contractId, TENANT);
    });

    it('validates against the DECP 2022 (2.0.3) schema', () => {
      expect(schemaProblems('decp', decp)).toEqual([]);
    });

    it('publishes each lot awarded as its own marché, as awarded, in euros, with its holder and the bids it received', () => {
      const [lot1, lot2] = decp.marches.marche;
      expect(decp.marches.marche).toHaveLength(2);
      const common = { acheteur: { id: SIRET }, dureeMois: 24, dateNotification: '2026-02-10', techniques: { technique: ['Accord-cadre'] }, modalitesExecution: { modaliteExecution: ['Bons de commande'] } };
      expect(lot1).toMatchObject({ ...common, montant: 800_000, offresRecues: 4, titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: 'of-a' } }], lieuExecution: { code: '69' } });
      // LOT-2's award was recorded without the bids received: the one bid known, the winner's.
      expect(lot2).toMatchObject({ ...common, montant: 900_000, offresRecues: 1, titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: 'of-b' } }], lieuExecution: { code: '38' } });
      expect(lot1.objet).toContain('lot 1 : Parcours numériques');
      const contractDigits = history.contractId.replace(/-/g, '').slice(0, 10);
      expect([lot1.id, lot2.id]).toEqual([`2026${contractDigits}01`, `2026${contractDigits}02`]);
    });

    it('appends to each lot the amendments in force that change it, with the lot’s own ceiling after each', () => {
      const [lot1, lot2] = decp.marches.marche;
      expect(lot1.modifications).toEqual([
        // The price amendment on LOT-1: +10,000 € computed.
        { modification: { id: 1, dateNotificationModification: '2026-03-22', datePublicationDonneesModification: '2026-03-25', montant: 810_000 } },
        // One month more (31 of 729 days) at the lot's own rate: 81,000,000 cents × 31 / 729 = +3,444,444 cents.
        { modification: { id: 2, dateNotificationModification: '2026-04-03', datePublicationDonneesModification: '2026-04-07', montant: 844_444.44, dureeMois: 25 } },
      ]);
      // 90,000,000 cents × 31 / 729 = +3,827,160 cents.
      expect(lot2.modifications).toEqual([
        { modification: { id: 1, dateNotificationModification: '2026-04-03', datePublicationDonneesModification: '2026-04-07', montant: 938_271.6, dureeMois: 25 } },
      ]);
    });

    it('lists the awarded lots of the tenant’s contracts', async () => {
      const all = await exports.decpOfTenant(TENANT);
      expect(all.marches.marche.map((marche) => marche.id)).toEqual(decp.marches.marche.map((marche) => marche.id));
    });
  });

  describe('a mapping that breaks the format fails the schema check', () => {
    it('refuses OCDS amounts in cents as strings, an unknown currency, or a contract without its award', async () => {
      const good = await exports.ocdsOfContract(history.contractId, TENANT);
      const broken = structuredClone(good) as unknown as { releases: Array<{ tender: { value: unknown }; contracts: Array<{ awardID?: string }> }> };
      broken.releases[0].tender.value = { amount: '100000000', currency: 'EURO' };
      delete broken.releases.at(-1)!.contracts[0].awardID;
      expect(schemaProblems('ocds', broken)).toEqual(
        expect.arrayContaining([
          '/releases/0/tender/value/amount must be number,null',
          '/releases/0/tender/value/currency must be equal to one of the allowed values',
          expect.stringMatching(/contracts\/0 must have required property 'awardID'/),
        ]),
      );
      expect(() => assertValid('ocds', broken)).toThrow(ExportSchemaViolation);
    });

    it('refuses a DECP record with the raw contract id, a cents amount as text, or a modification without dates', async () => {
      const good = await exports.decpOfContract(history.contractId, TENANT);
      const broken = structuredClone(good) as unknown as { marches: { marche: Array<Record<string, unknown> & { modifications: Array<{ modification: Record<string, unknown> }> }> } };
      broken.marches.marche[0].id = history.contractId;
      broken.marches.marche[0].montant = '200000000';
      delete broken.marches.marche[0].modifications[0].modification.dateNotificationModification;
      expect(schemaProblems('decp', broken)).toEqual(
        expect.arrayContaining([
          '/marches/marche/0/id must NOT have more than 16 characters',
          '/marches/marche/0/montant must be number',
          "/marches/marche/0/modifications/0/modification must have required property 'dateNotificationModification'",
        ]),
      );
    });
  });

  describe('refusals', () => {
    it('answers another tenant’s contract as missing', async () => {
      await expect(exports.ocdsOfContract(history.contractId, 'IDF')).rejects.toBeInstanceOf(NotFoundError);
      await expect(exports.decpOfContract(history.contractId, 'IDF')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('refuses DECP for a tenant whose buyer has no SIRET configured, and for a contract not yet notified', async () => {
      const noSiret = new ContractExports(store, { ocidPrefix: 'ocds-t3st00', buyerSirets: {} });
      await expect(noSiret.decpOfContract(history.contractId, TENANT)).rejects.toMatchObject({ code: 'DECP_BUYER_SIRET_NOT_CONFIGURED' });
      const draftId = idFromName('contract', 'draft-only', String(Math.random()));
      const commandId = idFromName('draft', draftId);
      await handleCommand(
        store,
        procurementDecider,
        contractStream(draftId),
        {
          type: 'DraftContract',
          meta: { at: '2026-05-01T09:00:00.000Z', actorId: BUYER },
          data: { contractId: draftId, tenant: TENANT, title: 'Brouillon', mode: 'PUBLIC_CONTRACT', startDate: '2026-06-01', endDate: '2027-05-31', initialValueCents: 5_000_000 },
        },
        { actorId: BUYER, role: 'buyer', tenant: TENANT, commandId, correlationId: commandId, causationId: commandId, occurredAt: '2026-05-01T09:00:00.000Z' },
      );
      const refusal = exports.decpOfContract(draftId, TENANT);
      await expect(refusal).rejects.toBeInstanceOf(RuleViolation);
      await expect(refusal).rejects.toMatchObject({ code: 'CONTRACT_NOT_NOTIFIED' });
      // The draft has OCDS planning releases, and is left out of the tenant's DECP.
      expect((await exports.ocdsOfContract(draftId, TENANT)).releases.map((release) => release.tag)).toEqual([['planning']]);
      expect((await exports.decpOfTenant(TENANT)).marches.marche).toHaveLength(2);
    });
  });
});

/** A contract's amendments across the releases, as merging them into a compiled release gives them. */
function amendmentsOf(ocds: OcdsReleasePackage, contractId: string) {
  return ocds.releases.flatMap((release) => release.contracts.filter((contract) => contract.id === contractId).flatMap((contract) => contract.amendments ?? []));
}

/** A contract's purchase-order milestones, one entry per release that changed them. */
function milestonesOf(ocds: OcdsReleasePackage, contractId: string) {
  return ocds.releases.flatMap((release) => release.contracts.filter((contract) => contract.id === contractId).flatMap((contract) => contract.implementation?.milestones ?? []));
}

/** The revision of the release whose contract amendments first mention the text. */
function revisionOf(ocds: OcdsReleasePackage, text: string): number {
  const release = ocds.releases.find((candidate) => candidate.contracts.some((contract) => (contract.amendments ?? []).some((amendment) => amendment.rationale.includes(text))))!;
  return Number(release.id.slice(release.id.lastIndexOf('-') + 1));
}
