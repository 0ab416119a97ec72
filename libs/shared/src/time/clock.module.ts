import { DynamicModule, Module } from '@nestjs/common';
import { Clock, CLOCK, systemClock } from './clock';

/** Provides the clock commands are stamped with; tests and replays pass a fixed one. */
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, global: true, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
