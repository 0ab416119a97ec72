import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { QUALIOPI_CATEGORIES, QualiopiCategory } from '@app/procurement';
import { IsCalendarDate, IsNested, IsNotBefore, IsReference } from './validators';

/** The provider's id, as tokens name it (providerId claim). */
export class ProviderIdParam {
  @IsReference()
  providerId!: string;
}

export class RegisterProviderDto {
  @IsReference()
  providerId!: string;

  @IsString()
  @Length(1, 200)
  legalName!: string;

  /** 14 digits; its Luhn key is checked as a business rule (422 SIRET_KEY_INVALID). */
  @Matches(/^\d{14}$/, { message: 'siret must be 14 digits' })
  siret!: string;

  /** Numéro de déclaration d'activité (art. L6351-1 Code du travail), 11 digits. */
  @Matches(/^\d{11}$/, { message: 'declarationNumber must be 11 digits' })
  declarationNumber!: string;
}

export class QualiopiCertificateDto {
  /** The certification body (accredited by COFRAC), as named on the certificate. */
  @IsString()
  @Length(1, 200)
  certifier!: string;

  @IsReference()
  number!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(QUALIOPI_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(QUALIOPI_CATEGORIES, { each: true })
  categories!: QualiopiCategory[];

  @IsCalendarDate()
  validFrom!: string;

  @IsCalendarDate()
  @IsNotBefore('validFrom')
  validUntil!: string;
}

export class RecordQualiopiCertificateDto {
  @IsNested(() => QualiopiCertificateDto)
  certificate!: QualiopiCertificateDto;
}

/** A person the provider names: stored sealed in the personal-data vault, never in clear in an event. */
export class ProviderContactDto {
  @IsString()
  @Length(2, 200)
  name!: string;

  @IsEmail()
  @Length(3, 254)
  email!: string;

  /** International or French format: digits, spaces, dots, dashes, an optional leading +. */
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 .-]{5,19}$/, { message: 'phone must be a phone number: digits, spaces, dots or dashes, an optional leading +' })
  phone?: string;
}

/** The contacts to set; a role left out keeps its contact. */
export class UpdateProviderContactsDto {
  /** Who receives the buyer's notices. */
  @IsOptional()
  @IsNested(() => ProviderContactDto)
  notices?: ProviderContactDto;

  /** The disability referent (référent handicap, Qualiopi indicator 26). */
  @IsOptional()
  @IsNested(() => ProviderContactDto)
  disabilityReferent?: ProviderContactDto;
}
