import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { apiDocsServed, BodilessCommandInterceptor, createValidationPipe, Environment, ProblemFilter, trustProxyOf } from '@app/shared';
import { ApiOptions, AppModule } from './app.module';
import { HELMET_OPTIONS } from './security/helmet.options';

/** Builds the api exactly as it runs: used by main.ts and by the end-to-end tests. */
export async function createApi(options: ApiOptions = {}): Promise<INestApplication> {
  // JSON bodies are parsed by SecurityModule's middleware, with a size limit and errors answered as problems.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.create(options), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  // req.ip, which the rate limit and the request logs use, is then the client's address as the trusted proxies forward it.
  const config = app.get(ConfigService<Environment, true>);
  app.set('trust proxy', trustProxyOf(config.get('TRUST_PROXY', { infer: true })));
  app.use(helmet(HELMET_OPTIONS));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new BodilessCommandInterceptor());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  if (!apiDocsServed({ API_DOCS: config.get('API_DOCS', { infer: true }), NODE_ENV: config.get('NODE_ENV', { infer: true }) })) return app;
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
