import { RegisterFact } from '../provider-register/qualiopi-check';
import { CommandMeta } from '../terms/command-meta';

/** The daily check records that a provider's certificate, as the register holds it (`register`), has ended. */
export type RecordQualiopiExpiry = {
  type: 'RecordQualiopiExpiry';
  meta: CommandMeta;
  data: { providerId: string; register: RegisterFact };
};

export type QualiopiExpiryCommand = RecordQualiopiExpiry;
