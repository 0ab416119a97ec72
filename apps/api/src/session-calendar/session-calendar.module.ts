import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@app/projections';
import { SessionCalendarController } from './session-calendar.controller';

/** The shared session calendar and the date-shift requests, read from the read models. */
@Module({
  imports: [ProjectionsModule],
  controllers: [SessionCalendarController],
})
export class SessionCalendarModule {}
