import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { Environment, InvalidConfigurationError, validateEnvironment } from '@app/shared';
import { WorkerModule } from './worker.module';

/** The worker: BullMQ processors, with a small HTTP server for its health check. */
async function main(): Promise<void> {
  // Checked before anything starts, so a bad setting stops the process with a short message naming it.
  validateEnvironment(process.env);
  const app = await NestFactory.create(WorkerModule.create(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(app.get(ConfigService<Environment, true>).get('WORKER_HEALTH_PORT', { infer: true }));
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigurationError ? error.message : error);
  process.exit(1);
});
