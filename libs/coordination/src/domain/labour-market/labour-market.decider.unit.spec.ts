import { specify } from '@app/shared/testing/decider-specification';
import { officer } from '../testing/coordination-fixtures';
import { importIdOf, ImportLabourMarketSignals, labourMarketDecider } from './labour-market.decider';
import { TensionSignal } from './labour-market.events';

const spec = specify(labourMarketDecider);
const at = '2026-03-02T09:00:00.000Z';
const masons: TensionSignal = { occupationCode: 'F1703', territoryCode: '69', period: '2026-02', unfilledOffers: 140, tensionIndex: 1.8 };
const carers: TensionSignal = { occupationCode: 'J1501', territoryCode: '42', period: '2026-02', unfilledOffers: 95, tensionIndex: 0.75 };
const importing = (signals: TensionSignal[], contentHash = 'hash-1'): ImportLabourMarketSignals => ({
  type: 'ImportLabourMarketSignals',
  meta: officer(at),
  data: { tenant: 'ARA', contentHash, signals },
});

describe('the import of labour-market signals', () => {
  it('records the import and one observation per row, named after the tenant and the file content', () => {
    const importId = importIdOf('ARA', 'hash-1');
    spec.given([]).when(importing([masons, carers])).then([
      { type: 'LabourMarketSignalsImported', data: { importId, tenant: 'ARA', contentHash: 'hash-1', rowCount: 2, importedAt: at } },
      { type: 'RecruitmentTensionObserved', data: { ...masons, importId, tenant: 'ARA' } },
      { type: 'RecruitmentTensionObserved', data: { ...carers, importId, tenant: 'ARA' } },
    ]);
  });

  it('decides nothing for a file already imported, and imports another file', () => {
    const first = spec.given([]).when(importing([masons])).events();
    spec.given(first).when(importing([masons])).then([]);
    expect(spec.given(first).when(importing([masons], 'hash-2')).events()).toHaveLength(2);
  });

  it('refuses an empty file and a file giving one occupation, territory and period twice', () => {
    spec.given([]).when(importing([])).thenRefuses('EMPTY_SIGNAL_FILE');
    spec.given([]).when(importing([masons, carers, { ...masons, tensionIndex: 2 }])).thenRefuses('DUPLICATE_SIGNAL_ROW', { occupationCode: 'F1703' });
  });
});
