import { NATIONAL_TARGET_SHARES, SHARE_PUBLICS, SharePublic } from '@app/procurement/domain/programme/share-publics';
import type { ReadModels } from '../read-models.service';
import { shareColumn } from './targeting.projection';

/** The target a share is compared with: the programme's valid on the day, else the national figure where there is one. */
export interface TargetInForce {
  percent: number;
  /** The day the programme's target is valid from; null for the national figure. */
  validFrom: string | null;
  source: 'PROGRAMME' | 'NATIONAL_DEFAULT';
}

/** One public's share among the entries that state what it is counted from. */
export interface PublicShare {
  public: SharePublic;
  /** Entries counted in the public. */
  count: number;
  /** Entries that state it: all of them for the five flags, those with targeting data for the others. */
  recorded: number;
  /** count / recorded in percent, to 2 decimals; null when no entry states it. */
  sharePercent: number | null;
  target: TargetInForce | null;
  /** share minus target, in percentage points; null without a share or a target. */
  gapPoints: number | null;
}

/** The shares of every public (SHARE_PUBLICS, always all of them, in that order) among `entries`. */
export interface Shares {
  entries: number;
  publics: PublicShare[];
}

export interface ProgrammeTargeting {
  programmeId: string;
  asOf: string;
  /** Global position of the last event the read model includes. */
  position: number;
  programme: Shares;
  contracts: Array<{ contractId: string } & Shares>;
  lots: Array<{ contractId: string; lotId: string; projectId: string } & Shares>;
}

export interface MonthTargeting {
  /** YYYY-MM. */
  month: string;
  /** The entries of the month. */
  entered: Shares;
  /** The entries from the start to the month's end (or to the day asked, in its month). */
  toDate: Shares;
}

export interface ProgrammeTargetingByMonth {
  programmeId: string;
  asOf: string;
  position: number;
  /** Each month of the programme up to the moment asked, the targets being those valid on the month's last day counted. */
  months: MonthTargeting[];
}

export interface LotTargeting extends Shares {
  contractId: string;
  lotId: string;
  /** The programme whose targets the lot is compared with; null for a lot attached to none (national figures only). */
  programmeId: string | null;
}

/** Entries of a lot in a month: `entries`, and `<public>_count` and `<public>_recorded` for each public. */
type EntryGroup = { contract_id: string; lot_id: string; month: string } & Record<string, string | number>;
interface TargetRow {
  target_public: SharePublic;
  percent: number;
  valid_from: string;
}

const COUNTS = SHARE_PUBLICS.map((sharePublic) => {
  const column = shareColumn(sharePublic);
  return `COALESCE(SUM(e.${column}), 0) AS ${column}_count, COUNT(e.${column}) AS ${column}_recorded`;
}).join(', ');

/**
 * A programme's targeting as of a moment: the entries on its lots up to that day (as recorded by then), per lot,
 * contract and for the whole programme, each public's share against the target valid on the day.
 */
export function programmeTargeting(readModels: ReadModels, scope: { tenant: string; programmeId: string; asOf: string }): ProgrammeTargeting {
  const { tenant, programmeId, asOf } = scope;
  const day = asOf.slice(0, 10);
  const read = readProgramme(readModels, tenant, programmeId, asOf);
  const targets = targetsOn(read.targets, day);
  const lots = read.lots.map(({ contract_id, lot_id, project_id }) => ({
    contractId: contract_id,
    lotId: lot_id,
    projectId: project_id,
    ...sharesOf(read.groups.filter((group) => group.contract_id === contract_id && group.lot_id === lot_id), targets),
  }));
  const contractIds = [...new Set(read.lots.map((lot) => lot.contract_id))];
  return {
    programmeId,
    asOf,
    position: read.position,
    programme: sharesOf(read.groups, targets),
    contracts: contractIds.map((contractId) => ({ contractId, ...sharesOf(read.groups.filter((group) => group.contract_id === contractId), targets) })),
    lots,
  };
}

/** A programme's targeting month by month, from its first month to the moment asked (or its last month). */
export function programmeTargetingByMonth(readModels: ReadModels, scope: { tenant: string; programmeId: string; asOf: string }): ProgrammeTargetingByMonth {
  const { tenant, programmeId, asOf } = scope;
  const day = asOf.slice(0, 10);
  const read = readProgramme(readModels, tenant, programmeId, asOf);
  const months: MonthTargeting[] = [];
  if (read.programme) {
    const last = [day, read.programme.end_date].sort()[0].slice(0, 7);
    for (let month = read.programme.start_date.slice(0, 7); month <= last; month = nextMonth(month)) {
      const targets = targetsOn(read.targets, [lastDayOf(month), day].sort()[0]);
      months.push({
        month,
        entered: sharesOf(read.groups.filter((group) => group.month === month), targets),
        toDate: sharesOf(read.groups.filter((group) => group.month <= month), targets),
      });
    }
  }
  return { programmeId, asOf, position: read.position, months };
}

/**
 * Per lot of the tenant (of one contract when given): its entries up to the moment against the targets of the
 * programme it is attached to, one row per programme; a lot attached to none against the national figures.
 */
export function lotTargeting(readModels: ReadModels, scope: { tenant: string; contractId?: string; asOf: string }): { position: number; rows: LotTargeting[] } {
  const { tenant, asOf } = scope;
  const contractId = scope.contractId ?? null;
  const day = asOf.slice(0, 10);
  const read = readModels.queryAll<{ lots: Array<{ contract_id: string; lot_id: string; programme_id: string | null }>; groups: EntryGroup[]; targets: Array<TargetRow & { programme_id: string }> }>({
    lots: [
      `SELECT contract_id, lot_id, NULL AS programme_id FROM targeting_entries e
       WHERE tenant = ? AND (? IS NULL OR contract_id = ?) AND recorded_at <= ?
         AND NOT EXISTS (SELECT 1 FROM targeting_programme_lots l WHERE l.tenant = e.tenant AND l.contract_id = e.contract_id AND l.lot_id = e.lot_id AND l.attached_at <= ?)
       GROUP BY contract_id, lot_id
       UNION
       SELECT contract_id, lot_id, programme_id FROM targeting_programme_lots
       WHERE tenant = ? AND (? IS NULL OR contract_id = ?) AND attached_at <= ?
       ORDER BY contract_id, lot_id, programme_id`,
      tenant,
      contractId,
      contractId,
      asOf,
      asOf,
      tenant,
      contractId,
      contractId,
      asOf,
    ],
    groups: [
      `SELECT e.contract_id, e.lot_id, '' AS month, COUNT(*) AS entries, ${COUNTS} FROM targeting_entries e
       WHERE e.tenant = ? AND (? IS NULL OR e.contract_id = ?) AND e.entered_on <= ? AND e.recorded_at <= ?
       GROUP BY e.contract_id, e.lot_id`,
      tenant,
      contractId,
      contractId,
      day,
      asOf,
    ],
    targets: [
      'SELECT programme_id, target_public, percent, valid_from FROM targeting_targets WHERE tenant = ? AND set_at <= ? ORDER BY valid_from, position',
      tenant,
      asOf,
    ],
  });
  const rows = read.lots.map(({ contract_id, lot_id, programme_id }) => ({
    contractId: contract_id,
    lotId: lot_id,
    programmeId: programme_id,
    ...sharesOf(
      read.groups.filter((group) => group.contract_id === contract_id && group.lot_id === lot_id),
      targetsOn(read.targets.filter((target) => target.programme_id === programme_id), day),
    ),
  }));
  return { position: read.position, rows };
}

function readProgramme(readModels: ReadModels, tenant: string, programmeId: string, asOf: string) {
  const day = asOf.slice(0, 10);
  const read = readModels.queryAll<{
    programme: Array<{ start_date: string; end_date: string }>;
    lots: Array<{ contract_id: string; lot_id: string; project_id: string }>;
    targets: TargetRow[];
    groups: EntryGroup[];
  }>({
    programme: ['SELECT start_date, end_date FROM targeting_programmes WHERE tenant = ? AND programme_id = ? AND defined_at <= ?', tenant, programmeId, asOf],
    lots: [
      'SELECT contract_id, lot_id, project_id FROM targeting_programme_lots WHERE tenant = ? AND programme_id = ? AND attached_at <= ? ORDER BY contract_id, lot_id',
      tenant,
      programmeId,
      asOf,
    ],
    targets: [
      'SELECT target_public, percent, valid_from FROM targeting_targets WHERE tenant = ? AND programme_id = ? AND set_at <= ? ORDER BY valid_from, position',
      tenant,
      programmeId,
      asOf,
    ],
    groups: [
      `SELECT e.contract_id, e.lot_id, substr(e.entered_on, 1, 7) AS month, COUNT(*) AS entries, ${COUNTS}
       FROM targeting_entries e JOIN targeting_programme_lots l ON l.tenant = e.tenant AND l.contract_id = e.contract_id AND l.lot_id = e.lot_id
       WHERE l.tenant = ? AND l.programme_id = ? AND l.attached_at <= ? AND e.entered_on <= ? AND e.recorded_at <= ?
       GROUP BY e.contract_id, e.lot_id, month`,
      tenant,
      programmeId,
      asOf,
      day,
      asOf,
    ],
  });
  return { position: read.position, programme: read.programme[0], lots: read.lots, targets: read.targets, groups: read.groups };
}

/**
 * The target of each public valid on a day: the programme's with the latest validity date on or before it (set
 * last among those of that date), else the national figure, else none. `targets` come ordered by validity and order set.
 */
function targetsOn(targets: readonly TargetRow[], day: string): Partial<Record<SharePublic, TargetInForce>> {
  const inForce: Partial<Record<SharePublic, TargetInForce>> = {};
  for (const [sharePublic, national] of Object.entries(NATIONAL_TARGET_SHARES) as Array<[SharePublic, { percent: number }]>) {
    inForce[sharePublic] = { percent: national.percent, validFrom: null, source: 'NATIONAL_DEFAULT' };
  }
  for (const target of targets) {
    if (target.valid_from <= day) inForce[target.target_public] = { percent: target.percent, validFrom: target.valid_from, source: 'PROGRAMME' };
  }
  return inForce;
}

function sharesOf(groups: readonly EntryGroup[], targets: Partial<Record<SharePublic, TargetInForce>>): Shares {
  const total = (column: string) => groups.reduce((sum, group) => sum + Number(group[column]), 0);
  return {
    entries: total('entries'),
    publics: SHARE_PUBLICS.map((sharePublic): PublicShare => {
      const count = total(`${shareColumn(sharePublic)}_count`);
      const recorded = total(`${shareColumn(sharePublic)}_recorded`);
      const sharePercent = recorded === 0 ? null : Math.round((10_000 * count) / recorded) / 100;
      const target = targets[sharePublic] ?? null;
      return {
        public: sharePublic,
        count,
        recorded,
        sharePercent,
        target,
        gapPoints: sharePercent === null || target === null ? null : Math.round(100 * (sharePercent - target.percent)) / 100,
      };
    }),
  };
}

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

function lastDayOf(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
}
