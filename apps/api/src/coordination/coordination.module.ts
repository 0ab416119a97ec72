import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections';
import { CommandRequests } from '@app/shared';
import { CoordinationCommands } from './coordination-commands';
import { CsvBodyMiddleware } from './csv-body.middleware';
import { LabourMarketController } from './labour-market.controller';
import { PurchaseDeclarationsController } from './purchase-declarations.controller';

/** Pôle emploi coordination: declared purchases and their overlaps with Région orders, labour-market signals. */
@Module({
  imports: [ProjectionsModule],
  controllers: [PurchaseDeclarationsController, LabourMarketController],
  providers: [CoordinationCommands, CommandRequests],
})
export class CoordinationModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsvBodyMiddleware).forRoutes({ path: 'coordination/labour-market-signals', method: RequestMethod.POST });
  }
}
