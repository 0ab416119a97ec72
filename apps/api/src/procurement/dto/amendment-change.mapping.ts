import { AmendmentChange } from '@app/procurement';
import { FieldError, InvalidInputException } from '@app/shared';
import { AmendmentChangeDto } from './amendment.dto';

/** The fields each kind of change needs, checked like the rest of the input (400 naming the field). */
export function toAmendmentChange(dto: AmendmentChangeDto): AmendmentChange {
  const missing: FieldError[] = [];
  const need = <T>(value: T | undefined, field: keyof AmendmentChangeDto): T => {
    if (value === undefined) missing.push({ field: `change.${field}`, messages: [`change.${field} is required for a ${dto.kind} change`] });
    return value as T;
  };
  let change: AmendmentChange;
  switch (dto.kind) {
    case 'PRICE':
      change = { kind: 'PRICE', lotId: need(dto.lotId, 'lotId'), unitType: need(dto.unitType, 'unitType'), newUnitPriceCents: need(dto.newUnitPriceCents, 'newUnitPriceCents') };
      break;
    case 'DURATION':
      change = { kind: 'DURATION', newEndDate: need(dto.newEndDate, 'newEndDate') };
      break;
    case 'SCOPE':
      if (dto.territoryCodes === undefined && dto.targetPublics === undefined) {
        missing.push({ field: 'change.territoryCodes', messages: ['a SCOPE change gives territoryCodes or targetPublics'] });
      }
      change = {
        kind: 'SCOPE',
        lotId: need(dto.lotId, 'lotId'),
        ...(dto.territoryCodes ? { territoryCodes: dto.territoryCodes } : {}),
        ...(dto.targetPublics ? { targetPublics: dto.targetPublics } : {}),
      };
      break;
    case 'NEW_MODULES':
      change = { kind: 'NEW_MODULES', lotId: need(dto.lotId, 'lotId'), modules: need(dto.modules, 'modules') };
      break;
    case 'CONTRACTOR_CHANGE': {
      const providerIds = need(dto.providerIds, 'providerIds') ?? [];
      change = {
        kind: 'CONTRACTOR_CHANGE',
        lotId: need(dto.lotId, 'lotId'),
        awardee:
          providerIds.length === 1 && dto.leadProviderId === undefined
            ? { kind: 'PROVIDER', providerId: providerIds[0] }
            : { kind: 'GROUPING', memberIds: providerIds, leadProviderId: dto.leadProviderId ?? providerIds[0] },
      };
      break;
    }
    case 'VOLUME':
      change = { kind: 'VOLUME', lotId: need(dto.lotId, 'lotId'), unitType: need(dto.unitType, 'unitType'), newMaxQuantity: need(dto.newMaxQuantity, 'newMaxQuantity') };
      break;
  }
  if (missing.length > 0) throw new InvalidInputException(missing);
  return change;
}
