import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventToAppend } from '../libs/event-store/src/event-store.port';

/**
 * Deterministic-size, realistic events: a procurement lot award with ~400 bytes of JSON data and the port's
 * full metadata (~330 bytes). Every candidate stores exactly these objects.
 */
export type BenchEvent = EventToAppend<'LotAwarded', LotAwardedData>;

export interface LotAwardedData extends Record<string, unknown> {
  procurementId: string;
  lotId: string;
  title: string;
  region: string;
  trainingCode: string;
  providerId: string;
  seats: number;
  unitPriceCents: number;
  startsOn: string;
  endsOn: string;
  criteria: { price: number; quality: number; accessibility: number };
  note: string;
}

const REGIONS = ['ARA', 'BFC', 'BRE', 'CVL', 'COR', 'GES', 'HDF', 'IDF', 'NOR', 'NAQ', 'OCC', 'PDL', 'PAC'];

export function makeEvent(i: number): BenchEvent {
  const region = REGIONS[i % REGIONS.length]!;
  const commandId = randomUUID();
  const metadata: EventMetadata = {
    actorId: `user-${(i % 997).toString().padStart(4, '0')}-${region.toLowerCase()}`,
    role: 'buyer',
    tenant: region,
    commandId,
    correlationId: randomUUID(),
    causationId: commandId,
    occurredAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
    schemaVersion: 1,
  };
  return {
    id: randomUUID(),
    type: 'LotAwarded',
    data: {
      procurementId: randomUUID(),
      lotId: `LOT-2025-${(i % 10_000).toString().padStart(5, '0')}-${(i % 7) + 1}`,
      title: 'Formation certifiante : technicien de maintenance industrielle (niveau 4)',
      region,
      trainingCode: `RNCP${37_000 + (i % 900)}`,
      providerId: randomUUID(),
      seats: 8 + (i % 17),
      unitPriceCents: 345_000 + (i % 50_000),
      startsOn: '2025-09-15',
      endsOn: '2026-03-20',
      criteria: { price: 40, quality: 45, accessibility: 15 },
      note: 'Session en alternance : 420 h en centre et 280 h en entreprise, accessible PMR.',
    },
    metadata,
  };
}

export function makeEvents(from: number, count: number): BenchEvent[] {
  return Array.from({ length: count }, (_, k) => makeEvent(from + k));
}

/** Byte sizes of the JSON the stores write for one event (for the printed header). */
export function eventSizes(): { data: number; metadata: number } {
  const event = makeEvent(12_345);
  return {
    data: Buffer.byteLength(JSON.stringify(event.data)),
    metadata: Buffer.byteLength(JSON.stringify(event.metadata)),
  };
}
