import { evaluationDecider, programmeDecider } from '@app/procurement';
import { evaluationCommandOf, programmeCommandOf } from '../command-reconstruction';
import { deciderStream } from './stream-verifier';

export const PROGRAMME_STREAM = deciderStream('programme-', programmeDecider, ([first]) => programmeCommandOf(first));

// Each draw is run again from the seed it reveals and the candidates registered before it: a seed that does not
// hash to the commitment, or a list of candidates changed since, gives another assignment than the one recorded.
export const EVALUATION_STREAM = deciderStream('evaluation-', evaluationDecider, evaluationCommandOf);
