import { labourMarketDecider, purchaseDeclarationDecider } from '@app/coordination';
import { declarationCommandOf, labourMarketCommandOf } from '../command-reconstruction';
import { deciderStream } from './stream-verifier';

export const DECLARATION_STREAM = deciderStream('purchase-declaration-', purchaseDeclarationDecider, declarationCommandOf);

export const LABOUR_MARKET_STREAM = deciderStream('labour-market-', labourMarketDecider, labourMarketCommandOf);
