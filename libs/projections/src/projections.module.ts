import { Module } from '@nestjs/common';
import { ProjectionRunner } from './projection-runner';
import { ReadModels } from './read-models.service';

/** Read models and the runner that keeps them up to date in this process. */
@Module({
  providers: [ReadModels, ProjectionRunner],
  exports: [ReadModels],
})
export class ProjectionsModule {}
