import { procurementDecider } from '@app/procurement';
import { contractCommandOf } from '../command-reconstruction';
import { deciderStream } from './stream-verifier';

export const CONTRACT_STREAM = deciderStream('contract-', procurementDecider, ([first]) => contractCommandOf(first));
