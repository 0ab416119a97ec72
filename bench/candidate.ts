import type { BenchEvent } from './events';

/** What the bench needs from each store under test. */
export interface Candidate {
  /** Column key in the table: (a), (b), (c). */
  readonly key: string;
  readonly label: string;
  /** Creates the store in `dir` (a fresh temp directory). */
  open(dir: string): Promise<void>;
  /** Durability and mode notes, printed under the table (read from the live connection where possible). */
  describe(): Promise<string[]>;
  /**
   * Appends one event to a stream whose current revision the writer knows (-1 = the stream does not exist),
   * and resolves once the store says it is durable.
   */
  append(streamId: string, event: BenchEvent, currentRevision: number): Promise<void>;
  /** Bulk load (not measured): many events per append. */
  fill(streamId: string, events: BenchEvent[], currentRevision: number): Promise<void>;
  /** Reads a whole stream, JSON parsed; resolves with the number of events read. */
  readStream(streamId: string): Promise<number>;
  /** Reads every event in global order, `pageSize` per page, JSON parsed; resolves with the number read. */
  readAll(pageSize: number): Promise<number>;
  close(): Promise<void>;
  /** Notes about the run itself (retries...), printed with the durability notes. */
  runNotes?(): string[];
}

/** Sums a field of the parsed payloads so the parse cannot be skipped or left lazy. */
export function touch(data: unknown): number {
  return (data as { seats?: number }).seats ?? 0;
}
