export * from './event-store.port';
export * from './event-store.errors';
export * from './embedded/embedded-event-store';
export * from './eventstoredb/eventstoredb-event-store';
export * from './event-store.module';
export * from './point-in-time';
export * from './snapshots/snapshot-store';
export * from './snapshots/fold-at';
