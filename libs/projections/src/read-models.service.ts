import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PROJECTIONS } from './read-models/registry';
import { ReadModelDatabase, ReadModelFiles } from './sqlite/read-model-database';

export interface Fresh<Rows> {
  /** Global position of the last event the read models include. */
  position: number;
  rows: Rows;
}

/**
 * Read access to the generation being served. It follows the CURRENT pointer, so after a rebuild the next
 * query reads the new generation and the old one is left for deletion.
 */
@Injectable()
export class ReadModels implements OnApplicationShutdown {
  private readonly files: ReadModelFiles;
  private database?: ReadModelDatabase;
  /** A promoted generation this build cannot serve. */
  private refused?: string;

  constructor(@Inject(ConfigService) config: ConfigService<{ DATA_DIR: string }, true>) {
    this.files = new ReadModelFiles(config.get('DATA_DIR', { infer: true }));
  }

  private current(): ReadModelDatabase {
    const generation = this.files.current();
    if (this.database?.generation !== generation && generation !== this.refused) {
      const opened = this.files.openIfUpToDate(generation, PROJECTIONS);
      if (opened instanceof ReadModelDatabase) {
        this.database?.close();
        this.database = opened;
      } else if (this.database) {
        // Promoted by a build with other read models (a rolling upgrade): keep serving this build's, as the runner does.
        this.refused = generation;
      } else {
        throw opened;
      }
    }
    return this.database!;
  }

  /** Runs a query and says how far the read models have got. */
  query<Rows>(sql: string, ...parameters: unknown[]): Fresh<Rows> {
    const database = this.current();
    const read = database.db.transaction(() => ({
      position: database.checkpoint(),
      rows: database.db.prepare(sql).all(...parameters) as Rows,
    }));
    return read();
  }

  /** Runs several queries at one position (one read transaction), each answer under its name. */
  queryAll<Named extends Record<string, unknown[]>>(queries: { [Name in keyof Named]: [sql: string, ...parameters: unknown[]] }): { position: number } & Named {
    const database = this.current();
    const read = database.db.transaction(() => {
      const answers: Record<string, unknown[]> = {};
      for (const [name, [sql, ...parameters]] of Object.entries(queries) as Array<[string, [string, ...unknown[]]]>) {
        answers[name] = database.db.prepare(sql).all(...parameters);
      }
      return { position: database.checkpoint(), ...(answers as Named) };
    });
    return read();
  }

  onApplicationShutdown(): void {
    this.database?.close();
  }
}
