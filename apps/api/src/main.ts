import { ConfigService } from '@nestjs/config';
import { Environment, InvalidConfigurationError, validateEnvironment } from '@app/shared';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  // Checked before anything starts, so a bad setting stops the process with a short message naming it.
  validateEnvironment(process.env);
  const app = await createApi();
  const port = app.get(ConfigService<Environment, true>).get('PORT', { infer: true });
  await app.listen(port);
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigurationError ? error.message : error);
  process.exit(1);
});
