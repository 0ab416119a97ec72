/**
 * One HTTP server of the bench, run in its own process (started by http.bench.ts with `fork`):
 *   api            the product api as it runs (createApi), Express
 *   bare-express   a Nest app with one trivial controller and nothing else, Express
 *   stack-express  the same controller behind the product's request stack, without its logic: helmet, the
 *                  JSON body middleware with its limit, pino-http request logs, the rate-limit and token
 *                  guards, the validation pipe (on a one-field DTO), the bodiless-command interceptor and the
 *                  problem filter
 *   bare-fastify   the trivial controller on the Fastify adapter
 * It answers the parent with `{ port }` once listening, and `{ cpu }` (its CPU time so far, µs) when asked.
 */
import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule, BodilessCommandInterceptor, createValidationPipe, LoggingModule, ProblemFilter, validateEnvironment } from '@app/shared';
import { createApi } from '../../apps/api/src/bootstrap';
import { HELMET_OPTIONS } from '../../apps/api/src/security/helmet.options';
import { SecurityModule } from '../../apps/api/src/security/security.module';

class TrivialAdjustment {
  @IsIn(['CHANGE_QUANTITY'])
  kind!: string;

  @IsInt()
  @Min(-100)
  @Max(100)
  delta!: number;

  @IsString()
  @Length(3, 2000)
  reason!: string;
}

/** As small as a Nest endpoint gets: a body echoed in a constant answer, a constant document. */
@Controller('bare')
class TrivialController {
  private count = 0;

  @Post(':id/commands')
  @HttpCode(200)
  command(@Param('id') id: string, @Body() body: TrivialAdjustment): object {
    this.count += 1;
    return { contractId: id, revision: this.count, events: [{ id, type: body.kind }], replayed: false };
  }

  @Get(':id')
  query(@Param('id') id: string): object {
    return { contractId: id, title: 'Parcours vers l’emploi 2026-2029', status: 'active', revision: this.count };
  }
}

@Module({ controllers: [TrivialController] })
class BareModule {}

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }), LoggingModule, SecurityModule, AuthModule],
  controllers: [TrivialController],
})
class StackModule {}

async function start(kind: string): Promise<{ port: number; close: () => Promise<void> }> {
  switch (kind) {
    case 'api': {
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-'));
      process.env.DATA_DIR = dataDir;
      const app = await createApi();
      await app.listen(0, '127.0.0.1');
      return { port: app.getHttpServer().address().port, close: async () => (await app.close(), rmSync(dataDir, { recursive: true, force: true })) };
    }
    case 'bare-express': {
      const app = await NestFactory.create(BareModule, { logger: false });
      await app.listen(0, '127.0.0.1');
      return { port: app.getHttpServer().address().port, close: () => app.close() };
    }
    case 'stack-express': {
      const app = await NestFactory.create(StackModule, { bufferLogs: true, bodyParser: false });
      app.useLogger(app.get(Logger));
      app.use(helmet(HELMET_OPTIONS));
      app.useGlobalPipes(createValidationPipe());
      app.useGlobalInterceptors(new BodilessCommandInterceptor());
      app.useGlobalFilters(new ProblemFilter());
      await app.listen(0, '127.0.0.1');
      return { port: app.getHttpServer().address().port, close: () => app.close() };
    }
    case 'bare-fastify': {
      const app = await NestFactory.create(BareModule, new FastifyAdapter(), { logger: false });
      await app.listen(0, '127.0.0.1');
      return { port: app.getHttpServer().address().port, close: () => app.close() };
    }
    default:
      throw new Error(`unknown target ${kind}`);
  }
}

start(process.argv[2]).then(
  (server) => {
    process.send!({ port: server.port });
    process.on('message', () => {
      const { user, system } = process.cpuUsage();
      process.send!({ cpu: user + system });
    });
    process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
