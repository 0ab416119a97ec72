import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, ProblemFilter } from '@app/shared';
import { ApiOptions, AppModule } from './app.module';

/** Builds the api exactly as it runs: used by main.ts and by the end-to-end tests. */
export async function createApi(options: ApiOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.create(options), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Adaptive training procurement')
      .setDescription('Contracts, lots, purchase orders, amendments and their decision history')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
