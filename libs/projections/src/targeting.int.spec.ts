import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { DeliveryEvent, ProcurementEvent, ProgrammeEvent, programmeStream, TraineeTargeting } from '@app/procurement';
import { ALICE, BAPTISTE, CHLOE, DAVID, ORDER_ID, traineeEntered } from '@app/procurement/domain/testing/delivery-fixtures';
import { activeContract, CONTRACT_ID, OPEN_DAY_LOT, orderOpenDays, orderPathways, PATHWAY_LOT, recorded, SESSION_ID } from '@app/procurement/domain/testing/fixtures';
import { idFromName } from '@app/shared';
import { lotTargeting, programmeTargeting, programmeTargetingByMonth, PublicShare } from './read-models';
import { ReadModels } from './read-models.service';
import { useReadModelWorkbench } from './testing/read-model-workbench';

const PROGRAMME = 'pric-ara-2026';
const OPEN_DAY_ORDER = 'order-isere-open-days';
const none = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
const targeting = (qualificationLevel: TraineeTargeting['qualificationLevel'], sex: TraineeTargeting['sex'] = 'FEMALE'): TraineeTargeting => ({ qualificationLevel, ageBand: 'UNDER_26', sex, illiterate: false });
const programmeEvent = (event: ProgrammeEvent) => event;

describe('targeting read model', () => {
  const bench = useReadModelWorkbench('targeting-read-model');
  let readModels: ReadModels | undefined;
  afterEach(() => readModels?.onApplicationShutdown());

  const revisions: Record<string, number> = {};
  beforeEach(() => Object.keys(revisions).forEach((stream) => delete revisions[stream]));
  async function write(stream: string, events: Array<ProcurementEvent | DeliveryEvent | ProgrammeEvent>, occurredAt = '2026-01-05T09:00:00.000Z'): Promise<void> {
    for (const event of events) {
      const revision = revisions[stream] ?? -1;
      const schemaVersion = 'schemaVersion' in event && typeof event.schemaVersion === 'number' ? event.schemaVersion : 1;
      await bench.store.appendToStream(
        stream,
        [{ id: idFromName('fixture', `${stream}/${revision + 1}`), type: event.type, data: event.data as Record<string, unknown>, metadata: aMetadata({ occurredAt, schemaVersion }) }],
        { expectedRevision: revision < 0 ? 'no_stream' : revision },
      );
      revisions[stream] = revision + 1;
    }
  }

  /**
   * A programme of 2026 funding the pathway lot, aiming at 50% infra-bac from January and 60% from May (set on
   * 20 April); the open-day lot is attached to none. Alice (QPV, level 3) and Baptiste (no qualification) enter
   * in March, Chloé in April without targeting data, David (level 5) in May; one trainee enters an open day. On
   * 20 May the programme sets a QPV target of 30% from January, instead of the national 15%.
   */
  async function history(): Promise<ReadModels> {
    await write(`contract-${CONTRACT_ID}`, recorded(activeContract(), orderPathways(ORDER_ID, 20), orderOpenDays(OPEN_DAY_ORDER, 100)));
    const programme = programmeStream('ARA', PROGRAMME);
    await write(programme, [
      programmeEvent({ type: 'ProgrammeDefined', data: { tenant: 'ARA', programmeId: PROGRAMME, title: 'Pacte ARA 2026', startDate: '2026-01-01', endDate: '2026-12-31', regionReferenceLevelCents: 0, definedAt: '2026-01-05T09:00:00.000Z' } }),
      programmeEvent({ type: 'ProjectAdded', data: { programmeId: PROGRAMME, projectId: 'digital', title: 'Numérique', addedAt: '2026-01-05T09:00:00.000Z' } }),
      programmeEvent({ type: 'LotAttached', data: { programmeId: PROGRAMME, projectId: 'digital', contractId: CONTRACT_ID, lotId: PATHWAY_LOT, fundingLineId: 'state', attachedAt: '2026-01-05T09:00:00.000Z' } }),
      programmeEvent({ type: 'TargetShareSet', data: { programmeId: PROGRAMME, targetPublic: 'INFRA_BAC', percent: 50, validFrom: '2026-01-01', setAt: '2026-01-05T09:00:00.000Z' } }),
    ]);
    await write(programme, [programmeEvent({ type: 'TargetShareSet', data: { programmeId: PROGRAMME, targetPublic: 'INFRA_BAC', percent: 60, validFrom: '2026-05-01', setAt: '2026-04-20T09:00:00.000Z' } })], '2026-04-20T09:00:00.000Z');
    const delivery = `delivery-${ORDER_ID}`;
    await write(delivery, [traineeEntered(ALICE, '2026-03-09', { ...none, qpvResident: true }, SESSION_ID, targeting('LEVEL_3')), traineeEntered(BAPTISTE, '2026-03-09', none, SESSION_ID, targeting('NONE', 'MALE'))], '2026-03-09T17:00:00.000Z');
    await write(delivery, [traineeEntered(CHLOE, '2026-04-14')], '2026-04-14T17:00:00.000Z');
    await write(delivery, [traineeEntered(DAVID, '2026-05-04', none, SESSION_ID, targeting('LEVEL_5', 'MALE'))], '2026-05-04T17:00:00.000Z');
    const openDay = traineeEntered('trainee-e5f60000', '2026-04-02', { ...none, qpvResident: true }, SESSION_ID, targeting('LEVEL_4'));
    await write(`delivery-${OPEN_DAY_ORDER}`, [{ ...openDay, data: { ...openDay.data, orderId: OPEN_DAY_ORDER } } as DeliveryEvent], '2026-04-02T17:00:00.000Z');
    // Set on 20 May, valid from January: a reading as of a day before 20 May does not see it.
    await write(programme, [programmeEvent({ type: 'TargetShareSet', data: { programmeId: PROGRAMME, targetPublic: 'QPV_RESIDENT', percent: 30, validFrom: '2026-01-01', setAt: '2026-05-20T09:00:00.000Z' } })], '2026-05-20T09:00:00.000Z');

    await bench.projectorOn('g1').catchUp();
    bench.files.promote('g1');
    readModels = new ReadModels({ get: () => bench.folder } as never);
    return readModels;
  }

  const share = (publics: PublicShare[], name: PublicShare['public']) => publics.find((entry) => entry.public === name);

  it('gives each public’s share on the programme’s lots against the target valid on the day, leaving out entries that did not state it', async () => {
    const read = await history();
    const april = programmeTargeting(read, { tenant: 'ARA', programmeId: PROGRAMME, asOf: '2026-04-30T23:59:59.000Z' });
    expect(april.programme.entries).toBe(3);
    // Chloé stated no targeting data: out of the infra-bac share, in the QPV one.
    expect(share(april.programme.publics, 'INFRA_BAC')).toEqual({ public: 'INFRA_BAC', count: 2, recorded: 2, sharePercent: 100, target: { percent: 50, validFrom: '2026-01-01', source: 'PROGRAMME' }, gapPoints: 50 });
    expect(share(april.programme.publics, 'QPV_RESIDENT')).toEqual({ public: 'QPV_RESIDENT', count: 1, recorded: 3, sharePercent: 33.33, target: { percent: 15, validFrom: null, source: 'NATIONAL_DEFAULT' }, gapPoints: 18.33 });
    expect(share(april.programme.publics, 'WOMEN')).toMatchObject({ count: 1, recorded: 2, sharePercent: 50, target: null, gapPoints: null });
    expect(april.lots).toEqual([expect.objectContaining({ contractId: CONTRACT_ID, lotId: PATHWAY_LOT, projectId: 'digital', entries: 3 })]);
    expect(april.contracts).toEqual([expect.objectContaining({ contractId: CONTRACT_ID, entries: 3 })]);

    const june = programmeTargeting(read, { tenant: 'ARA', programmeId: PROGRAMME, asOf: '2026-06-01T00:00:00.000Z' });
    expect(share(june.programme.publics, 'INFRA_BAC')).toMatchObject({ count: 2, recorded: 3, sharePercent: 66.67, target: { percent: 60, validFrom: '2026-05-01' }, gapPoints: 6.67 });
  });

  it('reads as of a moment what was recorded by then: entries, and targets set by then', async () => {
    const read = await history();
    const march = programmeTargeting(read, { tenant: 'ARA', programmeId: PROGRAMME, asOf: '2026-03-09T12:00:00.000Z' });
    expect(march.programme.entries).toBe(0);
    expect(share(march.programme.publics, 'INFRA_BAC')).toMatchObject({ recorded: 0, sharePercent: null, target: { percent: 50 }, gapPoints: null });
    // The QPV target of 30% valid from January was set on 20 May: not known on 10 May, in force once set.
    const may = programmeTargeting(read, { tenant: 'ARA', programmeId: PROGRAMME, asOf: '2026-05-10T00:00:00.000Z' });
    expect(share(may.programme.publics, 'QPV_RESIDENT')).toMatchObject({ count: 1, recorded: 4, sharePercent: 25, target: { percent: 15, source: 'NATIONAL_DEFAULT' }, gapPoints: 10 });
    const june = programmeTargeting(read, { tenant: 'ARA', programmeId: PROGRAMME, asOf: '2026-06-01T00:00:00.000Z' });
    expect(share(june.programme.publics, 'QPV_RESIDENT')).toMatchObject({ sharePercent: 25, target: { percent: 30, validFrom: '2026-01-01', source: 'PROGRAMME' }, gapPoints: -5 });
    const monthsBefore = programmeTargetingByMonth(read, { tenant: 'ARA', programmeId: PROGRAMME, asOf: '2026-04-15T00:00:00.000Z' });
    expect(monthsBefore.months.map((month) => month.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  });

  it('gives the shares month by month, of the month’s entries and to date, each against the target valid at the month’s end', async () => {
    const read = await history();
    const { months } = programmeTargetingByMonth(read, { tenant: 'ARA', programmeId: PROGRAMME, asOf: '2026-06-10T00:00:00.000Z' });
    expect(months.map(({ month, entered, toDate }) => [month, entered.entries, share(entered.publics, 'INFRA_BAC')?.sharePercent, toDate.entries, share(toDate.publics, 'INFRA_BAC')?.sharePercent, share(toDate.publics, 'INFRA_BAC')?.target?.percent])).toEqual([
      ['2026-01', 0, null, 0, null, 50],
      ['2026-02', 0, null, 0, null, 50],
      ['2026-03', 2, 100, 2, 100, 50],
      ['2026-04', 1, null, 3, 100, 50],
      ['2026-05', 1, 0, 4, 66.67, 60],
      ['2026-06', 0, null, 4, 66.67, 60],
    ]);
  });

  it('gives each lot against its programme’s targets, a lot attached to none against the national figure only', async () => {
    const read = await history();
    const { rows } = lotTargeting(read, { tenant: 'ARA', asOf: '2026-06-01T00:00:00.000Z' });
    expect(rows.map((row) => [row.lotId, row.programmeId, row.entries, share(row.publics, 'INFRA_BAC')?.target?.percent ?? null, share(row.publics, 'QPV_RESIDENT')?.target])).toEqual([
      [PATHWAY_LOT, PROGRAMME, 4, 60, { percent: 30, validFrom: '2026-01-01', source: 'PROGRAMME' }],
      [OPEN_DAY_LOT, null, 1, null, { percent: 15, validFrom: null, source: 'NATIONAL_DEFAULT' }],
    ]);
    expect(lotTargeting(read, { tenant: 'IDF', asOf: '2026-06-01T00:00:00.000Z' }).rows).toEqual([]);
    expect(programmeTargeting(read, { tenant: 'IDF', programmeId: PROGRAMME, asOf: '2026-06-01T00:00:00.000Z' }).lots).toEqual([]);
  });
});
