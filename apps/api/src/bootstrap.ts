import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { BodilessCommandInterceptor, createValidationPipe, ProblemFilter } from '@app/shared';
import { ApiOptions, AppModule } from './app.module';
import { HELMET_OPTIONS } from './security/helmet.options';

/** Builds the api exactly as it runs: used by main.ts and by the end-to-end tests. */
export async function createApi(options: ApiOptions = {}): Promise<INestApplication> {
  // JSON bodies are parsed by SecurityModule's middleware, with a size limit and errors answered as problems.
  const app = await NestFactory.create(AppModule.create(options), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.use(helmet(HELMET_OPTIONS));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new BodilessCommandInterceptor());
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
