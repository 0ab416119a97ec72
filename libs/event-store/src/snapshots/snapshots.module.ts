import { Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { join } from 'node:path';
import { SnapshotStore } from './snapshot-store';

/**
 * Folded states of long streams in DATA_DIR/snapshots.db (a cache: see SnapshotStore), for the modules that
 * read a stream as of a point. Imported only where such reads are made, so that a process making none (the
 * worker) does not open the file.
 */
@Module({
  providers: [
    {
      provide: SnapshotStore,
      inject: [ConfigService],
      useFactory: (config: ConfigService<{ DATA_DIR: string }, true>) => SnapshotStore.open(join(config.get('DATA_DIR', { infer: true }), 'snapshots.db')),
    },
  ],
  exports: [SnapshotStore],
})
export class SnapshotsModule implements OnApplicationShutdown {
  constructor(private readonly snapshots: SnapshotStore) {}

  onApplicationShutdown(): void {
    this.snapshots.close();
  }
}
