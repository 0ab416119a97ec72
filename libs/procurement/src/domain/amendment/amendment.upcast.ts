import { AmendmentProposed } from './amendment.events';

/**
 * Reads an AmendmentProposed of any recorded shape. One recorded before amendments carried computed figures
 * (schema version 1, without `computation`) holds the amount the buyer typed, and its legal check was made on
 * it: that amount keeps its meaning, marked as declared before computation, and is the declared figure too.
 */
export function upcastAmendmentProposed(data: AmendmentProposed['data']): Required<Pick<AmendmentProposed['data'], 'computation'>> & AmendmentProposed['data'] {
  if (data.computation) return data as Required<Pick<AmendmentProposed['data'], 'computation'>> & AmendmentProposed['data'];
  return {
    ...data,
    computation: { method: 'DECLARED_BEFORE_COMPUTATION', inputs: { declaredAmountChangeCents: data.amountChangeCents }, amountChangeCents: data.amountChangeCents },
    declaredAmountChangeCents: data.amountChangeCents,
  };
}
