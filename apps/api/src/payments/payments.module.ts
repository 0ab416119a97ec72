import { Module } from '@nestjs/common';
import { CommandRequests } from '@app/shared';
import { PaymentsController } from './payments.controller';

/** Payment requests, payments, late-payment compensation and statement disputes, on one payments stream per contract. */
@Module({
  controllers: [PaymentsController],
  providers: [CommandRequests],
})
export class PaymentsModule {}
