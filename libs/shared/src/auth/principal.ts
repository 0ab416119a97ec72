import { Role } from '@app/event-store';

export const ROLES: readonly Role[] = ['buyer', 'provider', 'pole_emploi', 'auditor', 'admin'];

/** Who is calling, as established from a verified token. */
export interface Principal {
  /** Subject of the token: the person or service account acting. */
  sub: string;
  role: Role;
  /** Region code the caller acts for. */
  tenant: string;
  /** The training provider the caller represents (providers only). */
  providerId?: string;
}
