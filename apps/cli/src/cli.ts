import { ContractExports } from '../../../libs/audit/src/exports/contract-exports';
import { openConfiguredEventStore } from '../../../libs/event-store/src/event-store.module';
import { readingCurrentShapes } from '../../../libs/procurement/src/application/current-shapes';
import { buyerSiretsOf, validateEnvironment } from '../../../libs/shared/src/config/environment';

/** Runs a command's main and exits with its code; an error is printed as its message and exits with `failureCode`. */
export function runCli(main: () => Promise<number>, failureCode = 1): void {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error.message);
      process.exit(failureCode);
    },
  );
}

/** The exports of the store the environment configures, read in today's shapes; the store is closed after `use`. */
export async function withContractExports<T>(use: (exports: ContractExports) => Promise<T>): Promise<T> {
  const env = validateEnvironment(process.env);
  const store = readingCurrentShapes(openConfiguredEventStore(env));
  try {
    return await use(new ContractExports(store, { ocidPrefix: env.OCDS_OCID_PREFIX, buyerSirets: buyerSiretsOf(env.DECP_BUYER_SIRETS) }));
  } finally {
    await store.close();
  }
}

/** Writes to standard output and waits until it is flushed, so that exiting loses nothing. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}
