import { priceIndexDecider, providerRegisterDecider } from '@app/procurement';
import { priceIndexCommandOf, providerRegisterCommandOf } from '../command-reconstruction';
import { deciderStream } from './stream-verifier';

export const PRICE_INDEX_STREAM = deciderStream('price-indices-', priceIndexDecider, ([first]) => priceIndexCommandOf(first));

export const PROVIDER_REGISTER_STREAM = deciderStream('provider-register-', providerRegisterDecider, ([first]) => providerRegisterCommandOf(first));
