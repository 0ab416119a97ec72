import { createHash } from 'node:crypto';
import { traineeIdFromBytes } from '@app/procurement';

/** A trainee id in the format the api issues, the same for the same label: tests name their trainees by label. */
export function pseudonym(label: string): string {
  return traineeIdFromBytes(createHash('sha256').update(label).digest());
}
