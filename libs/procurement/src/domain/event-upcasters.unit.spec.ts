import { RecordedEvent } from '@app/event-store';
import { UPCASTERS } from '../application/current-shapes';
import { AMENDMENT_PROPOSED_SCHEMA_VERSION, UNILATERAL_MODIFICATION_SCHEMA_VERSION } from './amendment/amendment.events';
import { CLAUSE_ADDED_SCHEMA_VERSION } from './clause/clause.events';
import { CONTRACT_CLOSED_SCHEMA_VERSION } from './contract/contract.events';
import { HOURS_DELIVERED_SCHEMA_VERSION, SERVICE_STATEMENT_SCHEMA_VERSION, TRAINEE_ENTERED_SCHEMA_VERSION, TRAINEE_LEFT_EARLY_SCHEMA_VERSION } from './delivery/delivery.events';
import { LOT_TRAINING_SCHEMA_VERSION } from './lot/lot.events';
import { DATED_ADJUSTMENT_SCHEMA_VERSION } from './order/order.events';
import { QUALIOPI_CHECKED_SCHEMA_VERSION } from './provider-register/qualiopi-check';
import { CONTRACT_ID, SESSION_ID } from './testing/fixtures';

const ORDER_ID = 'order-lyon-spring';

function recorded(type: string, data: object, schemaVersion: number): RecordedEvent {
  return {
    id: 'e-1',
    type,
    data: data as RecordedEvent['data'],
    metadata: { actorId: 'buyer-1', role: 'buyer', tenant: 'ARA', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '2026-02-02T09:00:00.000Z', schemaVersion },
    streamId: `contract-${CONTRACT_ID}`,
    revision: 3,
    position: 7,
    recordedAt: '2026-02-02T09:00:00.000Z',
  };
}

const read = (type: string, data: object, schemaVersion: number) => UPCASTERS.upcast(recorded(type, data, schemaVersion)).data;

describe('the product upcasters', () => {
  it('read each type up to the version its decider writes', () => {
    expect({
      AmendmentProposed: UPCASTERS.currentVersion('AmendmentProposed'),
      UnilateralModificationImposed: UPCASTERS.currentVersion('UnilateralModificationImposed'),
      ContractClosed: UPCASTERS.currentVersion('ContractClosed'),
      ClauseAdded: UPCASTERS.currentVersion('ClauseAdded'),
      LotDefined: UPCASTERS.currentVersion('LotDefined'),
      LotAwarded: UPCASTERS.currentVersion('LotAwarded'),
      OrderIssued: UPCASTERS.currentVersion('OrderIssued'),
      OrderQuantityAdjusted: UPCASTERS.currentVersion('OrderQuantityAdjusted'),
      OrderModuleAdded: UPCASTERS.currentVersion('OrderModuleAdded'),
      TraineeEntered: UPCASTERS.currentVersion('TraineeEntered'),
      TraineeLeftEarly: UPCASTERS.currentVersion('TraineeLeftEarly'),
      HoursDelivered: UPCASTERS.currentVersion('HoursDelivered'),
      ServiceStatementIssued: UPCASTERS.currentVersion('ServiceStatementIssued'),
    }).toEqual({
      AmendmentProposed: AMENDMENT_PROPOSED_SCHEMA_VERSION,
      UnilateralModificationImposed: UNILATERAL_MODIFICATION_SCHEMA_VERSION,
      ContractClosed: CONTRACT_CLOSED_SCHEMA_VERSION,
      ClauseAdded: CLAUSE_ADDED_SCHEMA_VERSION,
      LotDefined: LOT_TRAINING_SCHEMA_VERSION,
      LotAwarded: QUALIOPI_CHECKED_SCHEMA_VERSION,
      OrderIssued: QUALIOPI_CHECKED_SCHEMA_VERSION,
      OrderQuantityAdjusted: DATED_ADJUSTMENT_SCHEMA_VERSION,
      OrderModuleAdded: DATED_ADJUSTMENT_SCHEMA_VERSION,
      TraineeEntered: TRAINEE_ENTERED_SCHEMA_VERSION,
      TraineeLeftEarly: TRAINEE_LEFT_EARLY_SCHEMA_VERSION,
      HoursDelivered: HOURS_DELIVERED_SCHEMA_VERSION,
      ServiceStatementIssued: SERVICE_STATEMENT_SCHEMA_VERSION,
    });
  });

  describe('AmendmentProposed', () => {
    // As recorded before amendments carried computed figures (schema version 1, commit 05df85a).
    const v1 = {
      amendmentId: 'AV-1',
      description: 'Unit price of the training hour raised',
      change: { kind: 'PRICE', lotId: 'LOT-1', unitType: 'TRAINING_HOUR', newUnitPriceCents: 1_600 },
      amountChangeCents: 250_000,
      justification: {},
      substantialEffects: {},
      changesOverallNature: false,
      legalCheck: { legalBasis: 'DE_MINIMIS', eformsCode: 'other', article: 'R2194-8', figures: {}, tenderCommitteeOpinionRequired: false },
      proposedAt: '2026-02-02T09:00:00.000Z',
    };

    it('1 → 2: the typed amount is the declared figure, marked as declared before computation', () => {
      expect(read('AmendmentProposed', v1, 1)).toEqual({
        ...v1,
        computation: { method: 'DECLARED_BEFORE_COMPUTATION', inputs: { declaredAmountChangeCents: 250_000 }, amountChangeCents: 250_000 },
        declaredAmountChangeCents: 250_000,
      });
    });

    it('2 → 3: a computed proposal is read as recorded (version 3 changed the rules it is checked by)', () => {
      const v2 = { ...v1, computation: { method: 'PRICE_DIFFERENCE', inputs: { quantity: 100 }, amountChangeCents: 10_000 }, amountChangeCents: 10_000, declaredAmountChangeCents: 12_000 };
      expect(read('AmendmentProposed', v2, 2)).toEqual(v2);
    });
  });

  it('UnilateralModificationImposed 1 → 2: read as recorded (version 2 changed the rules it is checked by)', () => {
    const v1 = { amendmentId: 'UM-1', description: 'Volume', change: { kind: 'VOLUME', lotId: 'LOT-1', unitType: 'TRAINING_HOUR', newMaxQuantity: 900 }, ground: 'general interest', amountChangeCents: 0 };
    expect(read('UnilateralModificationImposed', v1, 1)).toEqual(v1);
  });

  describe('ClauseAdded', () => {
    it('1 → 2: a price revision formula recorded as text is read as text, from which nothing is computed', () => {
      // As recorded before clauses held their formula as data (schema version 1, commit cdd6720).
      const v1 = { clauseId: 'REV-1', terms: { type: 'PRICE_REVISION', indexName: 'INSEE 001763', formula: 'P = P0 x (0.15 + 0.85 x I/I0)', frequencyMonths: 12 } };
      expect(read('ClauseAdded', v1, 1)).toEqual({
        clauseId: 'REV-1',
        terms: { type: 'PRICE_REVISION', recordedAsText: { indexName: 'INSEE 001763', formula: 'P = P0 x (0.15 + 0.85 x I/I0)', frequencyMonths: 12 } },
      });
    });

    it('1 → 2: any other clause is read as recorded', () => {
      const v1 = { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } };
      expect(read('ClauseAdded', v1, 1)).toEqual(v1);
    });
  });

  it('ContractClosed 1 → 2: a closing recorded before has no minimum', () => {
    const v1 = { contractId: CONTRACT_ID, closedAt: '2026-12-31T17:00:00.000Z' };
    expect(read('ContractClosed', v1, 1)).toEqual(v1);
  });

  it('LotDefined 1 → 2: a lot defined before it could describe its training has none', () => {
    // As recorded before (schema version 1, commit 36518bb).
    const v1 = {
      lotId: 'LOT-1',
      title: 'Aide à domicile',
      scope: { domainCode: '43454', territoryCodes: ['26362'], targetPublics: ['ISOLATED_PARENTS'] },
      workUnits: [{ type: 'TRAINEE_HOUR', unitPriceCents: 1_400, initialQuantity: 10_000, minQuantity: 5_000, maxQuantity: 13_000 }],
    };
    expect(read('LotDefined', v1, 1)).toEqual(v1);
    expect(read('LotDefined', v1, 1)).not.toHaveProperty('training');
  });

  it.each(['LotAwarded', 'OrderIssued'])('%s 1 → 2: recorded before the register was consulted, it has no qualiopi check', (type) => {
    const v1 = type === 'LotAwarded' ? { lotId: 'LOT-1', awardee: { kind: 'SINGLE', providerId: 'P-1' }, awardedAt: '2026-01-10T09:00:00.000Z' } : { orderId: ORDER_ID, lotId: 'LOT-1', lines: [], sessions: [] };
    expect(read(type, v1, 1)).toEqual(v1);
  });

  it.each(['OrderQuantityAdjusted', 'OrderModuleAdded'])('%s 1 → 2: recorded before adjustments were dated, it has no adjustedOn (in force over the whole order)', (type) => {
    const v1 = { contractId: CONTRACT_ID, orderId: ORDER_ID, proposalId: 'p-1', unitType: 'TRAINING_HOUR', valueDeltaCents: 1_500 };
    expect(read(type, v1, 1)).toEqual(v1);
  });

  describe('TraineeEntered 1 → 2', () => {
    // As recorded before entries carried their targeting data (schema version 1, commit a4205bb).
    const v1 = {
      contractId: CONTRACT_ID,
      orderId: ORDER_ID,
      traineeId: 'trainee-alice',
      sessionId: SESSION_ID,
      enteredOn: '2026-03-09',
      publics: { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false },
    };

    it('reads an entry recorded before the targeting data as NOT_RECORDED, never a guessed level, band or sex', () => {
      expect(read('TraineeEntered', v1, 1)).toEqual({ ...v1, targeting: 'NOT_RECORDED' });
    });

    it('leaves an entry already in the new shape as it is', () => {
      const v2 = { ...v1, targeting: { qualificationLevel: 'LEVEL_3', ageBand: 'UNDER_26', sex: 'FEMALE', illiterate: false } };
      expect(read('TraineeEntered', v2, 2)).toEqual(v2);
    });
  });

  describe('TraineeLeftEarly 1 → 2', () => {
    // As recorded before exits carried their destination (schema version 1, commit 1079932).
    const v1 = (reason: string) => ({ contractId: CONTRACT_ID, orderId: ORDER_ID, traineeId: 'trainee-alice', sessionId: SESSION_ID, on: '2026-04-15', reason });

    it('reads a job as an exit to employment, OTHER as another exit, any other reason as without solution, the reason kept', () => {
      expect(read('TraineeLeftEarly', v1('EMPLOYMENT'), 1)).toEqual({ ...v1('EMPLOYMENT'), destination: 'EMPLOYMENT' });
      expect(read('TraineeLeftEarly', v1('OTHER'), 1)).toEqual({ ...v1('OTHER'), destination: 'OTHER' });
      expect(read('TraineeLeftEarly', v1('HEALTH'), 1)).toEqual({ ...v1('HEALTH'), destination: 'WITHOUT_SOLUTION' });
    });
  });

  it('HoursDelivered 1 → 2: hours recorded without a trainee are read as recorded', () => {
    const v1 = { contractId: CONTRACT_ID, orderId: ORDER_ID, date: '2026-03-10', hours: 49 };
    expect(read('HoursDelivered', v1, 1)).toEqual(v1);
  });

  it.each([1, 2])('ServiceStatementIssued %i → 3: a statement is read as it was issued (later versions changed how it is computed)', (version) => {
    const statement = { contractId: CONTRACT_ID, orderId: ORDER_ID, statementId: 'st-1', totalCents: 15_000 };
    expect(read('ServiceStatementIssued', statement, version)).toEqual(statement);
  });
});
