import { IsIn, IsInt, IsString, Length, Max, Min, NotEquals } from 'class-validator';
import { MODALITIES, Modality, WORK_UNIT_TYPES, WorkUnitType } from '@app/procurement';
import { SessionDto } from './contract.dto';
import { IsCalendarDate, IsListOf, IsNested, IsNotBefore, IsOneOf, IsQuantity, IsReference } from './validators';

export class OrderLineDto {
  @IsIn(WORK_UNIT_TYPES)
  unitType!: WorkUnitType;

  @IsQuantity()
  @Min(1)
  quantity!: number;
}

export class IssueOrderDto {
  @IsReference()
  lotId!: string;

  @IsListOf(() => OrderLineDto, { min: 1, max: WORK_UNIT_TYPES.length })
  lines!: OrderLineDto[];

  @IsListOf(() => SessionDto, { max: 500 })
  sessions!: SessionDto[];

  @IsCalendarDate()
  periodStart!: string;

  @IsCalendarDate()
  @IsNotBefore('periodStart')
  periodEnd!: string;
}

const ADJUSTMENT_KINDS = [
  'CHANGE_QUANTITY',
  'MOVE_SESSION',
  'ADD_SESSION',
  'CANCEL_SESSION',
  'SWITCH_MODALITY',
  'ADD_MODULE',
  'SWITCH_TRAINEE_TO_REMOTE',
] as const;

export abstract class AdjustmentDto {
  @IsIn(ADJUSTMENT_KINDS)
  kind!: (typeof ADJUSTMENT_KINDS)[number];
}

export class ChangeQuantityDto extends AdjustmentDto {
  declare kind: 'CHANGE_QUANTITY';

  @IsIn(WORK_UNIT_TYPES)
  unitType!: WorkUnitType;

  /** Units added (positive) or removed (negative). */
  @IsInt()
  @NotEquals(0)
  @Min(-100_000_000)
  @Max(100_000_000)
  delta!: number;
}

export class MoveSessionDto extends AdjustmentDto {
  declare kind: 'MOVE_SESSION';

  @IsReference()
  sessionId!: string;

  @IsCalendarDate()
  startDate!: string;

  @IsCalendarDate()
  @IsNotBefore('startDate')
  endDate!: string;
}

export class AddSessionDto extends AdjustmentDto {
  declare kind: 'ADD_SESSION';

  @IsNested(() => SessionDto)
  session!: SessionDto;
}

export class CancelSessionDto extends AdjustmentDto {
  declare kind: 'CANCEL_SESSION';

  @IsReference()
  sessionId!: string;
}

export class SwitchModalityDto extends AdjustmentDto {
  declare kind: 'SWITCH_MODALITY';

  @IsReference()
  sessionId!: string;

  @IsIn(MODALITIES)
  modality!: Modality;
}

export class AddModuleDto extends AdjustmentDto {
  declare kind: 'ADD_MODULE';

  @IsReference()
  moduleId!: string;

  @IsQuantity()
  @Min(1)
  quantity!: number;
}

/** Dropout clause: a trainee at risk (pseudonymous id, checked by the domain) continues remotely for some weeks. */
export class SwitchTraineeToRemoteDto extends AdjustmentDto {
  declare kind: 'SWITCH_TRAINEE_TO_REMOTE';

  @IsString()
  @Length(1, 128)
  traineeId!: string;

  @IsReference()
  sessionId!: string;

  @IsInt()
  @Min(1)
  @Max(520)
  weeks!: number;
}

export class AdjustOrderDto {
  /** The clause of the contract the adjustment relies on. */
  @IsReference()
  clauseId!: string;

  @IsString()
  @Length(3, 2000)
  reason!: string;

  @IsOneOf(() => AdjustmentDto, 'kind', {
    CHANGE_QUANTITY: ChangeQuantityDto,
    MOVE_SESSION: MoveSessionDto,
    ADD_SESSION: AddSessionDto,
    CANCEL_SESSION: CancelSessionDto,
    SWITCH_MODALITY: SwitchModalityDto,
    ADD_MODULE: AddModuleDto,
    SWITCH_TRAINEE_TO_REMOTE: SwitchTraineeToRemoteDto,
  })
  adjustment!: ChangeQuantityDto | MoveSessionDto | AddSessionDto | CancelSessionDto | SwitchModalityDto | AddModuleDto | SwitchTraineeToRemoteDto;
}
