import { Decider, SealedPersonalData } from '@app/shared';
import { refuse } from '../contract/refuse';
import { CommandMeta } from '../terms/command-meta';
import { checkSiret, isDeclarationNumber, QualiopiCertificate } from './provider-register.rules';

/** One stream per provider per tenant, apart from the provider's webhook stream (provider-<tenant>-<id>). */
export const providerRegisterStream = (tenant: string, providerId: string): string => `provider-register-${tenant}-${providerId}`;

/**
 * Who a provider names for the buyer's notices, and its disability referent (référent handicap, whom Qualiopi's
 * indicator 26 asks for: the person trainees with a disability and their advisers turn to).
 */
export const PROVIDER_CONTACT_ROLES = ['notices', 'disabilityReferent'] as const;
export type ProviderContactRole = (typeof PROVIDER_CONTACT_ROLES)[number];

/**
 * A contact is a person: their name, e-mail and phone are sealed in the personal-data vault under the contact's
 * pseudonymous id, so an erasure of that id leaves the register's events standing and the person unreadable.
 */
export interface ProviderContact {
  personId: string;
  name: SealedPersonalData;
  email: SealedPersonalData;
  phone?: SealedPersonalData;
}
export type ProviderContacts = Partial<Record<ProviderContactRole, ProviderContact>>;

export type ProviderRegisterEvent =
  | { type: 'ProviderRegistered'; data: { tenant: string; providerId: string; legalName: string; siret: string; declarationNumber: string; registeredAt: string } }
  | { type: 'QualiopiCertificateRecorded'; data: { tenant: string; providerId: string; certificate: QualiopiCertificate; recordedAt: string } }
  /** The contacts named replace those of the same role; a role not named keeps its contact. */
  | { type: 'ProviderContactsUpdated'; data: { tenant: string; providerId: string; contacts: ProviderContacts; updatedAt: string } };

export type ProviderRegisterCommand =
  | { type: 'RegisterProvider'; meta: CommandMeta; data: { tenant: string; providerId: string; legalName: string; siret: string; declarationNumber: string } }
  | { type: 'RecordQualiopiCertificate'; meta: CommandMeta; data: { tenant: string; providerId: string; certificate: QualiopiCertificate } }
  | { type: 'UpdateProviderContacts'; meta: CommandMeta; data: { tenant: string; providerId: string; contacts: ProviderContacts } };

export type ProviderRegistered = Extract<ProviderRegisterEvent, { type: 'ProviderRegistered' }>;

export interface ProviderRegisterState {
  registered: boolean;
  /** The entry as registered: legal name, SIRET, declaration number. */
  entry?: ProviderRegistered['data'];
  certificate?: QualiopiCertificate;
  contacts: ProviderContacts;
}

export const initialProviderRegisterState = (): ProviderRegisterState => ({ registered: false, contacts: {} });

export function evolveProviderRegister(state: ProviderRegisterState, event: ProviderRegisterEvent): ProviderRegisterState {
  switch (event.type) {
    case 'ProviderRegistered': return { ...state, registered: true, entry: event.data };
    case 'QualiopiCertificateRecorded': return { ...state, certificate: event.data.certificate };
    case 'ProviderContactsUpdated': return { ...state, contacts: { ...state.contacts, ...event.data.contacts } };
  }
}

export function decideProviderRegister(command: ProviderRegisterCommand, state: ProviderRegisterState): ProviderRegisterEvent[] {
  switch (command.type) {
    case 'RegisterProvider': {
      const { siret, declarationNumber } = command.data;
      if (state.registered) refuse('PROVIDER_ALREADY_REGISTERED', 'The provider is already in the register');
      const check = checkSiret(siret);
      if (!check.ok) refuse(check.code, `SIRET ${siret} is not a valid SIRET`, { siret });
      // Numéro de déclaration d'activité, art. L6351-1 Code du travail.
      if (!isDeclarationNumber(declarationNumber)) refuse('DECLARATION_NUMBER_MALFORMED', 'The declaration of activity number has 11 digits', { declarationNumber });
      return [{ type: 'ProviderRegistered', data: { ...command.data, registeredAt: command.meta.at } }];
    }
    case 'RecordQualiopiCertificate': {
      const { certificate } = command.data;
      if (!state.registered) refuse('PROVIDER_NOT_REGISTERED', 'The provider is not in the register');
      if (certificate.validUntil < certificate.validFrom) refuse('CERTIFICATE_VALIDITY_REVERSED', 'The certificate ends before it begins', { validFrom: certificate.validFrom, validUntil: certificate.validUntil });
      if (certificate.categories.length === 0) refuse('CERTIFICATE_NAMES_NO_CATEGORY', 'The certificate names no category of action (L6313-1)');
      return [{ type: 'QualiopiCertificateRecorded', data: { ...command.data, recordedAt: command.meta.at } }];
    }
    case 'UpdateProviderContacts': {
      if (!state.registered) refuse('PROVIDER_NOT_REGISTERED', 'The provider is not in the register');
      if (Object.keys(command.data.contacts).length === 0) refuse('PROVIDER_CONTACTS_EMPTY', 'Name at least one contact: for notices or the disability referent');
      return [{ type: 'ProviderContactsUpdated', data: { ...command.data, updatedAt: command.meta.at } }];
    }
  }
}

export const providerRegisterDecider: Decider<ProviderRegisterCommand, ProviderRegisterEvent, ProviderRegisterState> = {
  initialState: initialProviderRegisterState,
  decide: decideProviderRegister,
  evolve: evolveProviderRegister,
};
