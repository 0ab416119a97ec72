import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections';
import { CommandRequests } from '@app/shared';
import { PaymentDeadlinesInboxController } from './payment-deadlines-inbox.controller';
import { PaymentsController } from './payments.controller';

/** Payment requests, payments, late-payment compensation and statement disputes, on one payments stream per contract; the inbox of payment deadlines. */
@Module({
  imports: [ProjectionsModule],
  controllers: [PaymentsController, PaymentDeadlinesInboxController],
  providers: [CommandRequests],
})
export class PaymentsModule {}
