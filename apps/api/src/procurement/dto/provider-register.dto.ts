import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { QUALIOPI_CATEGORIES, QualiopiCategory } from '@app/procurement';
import { IsCalendarDate, IsNotBefore, IsReference } from './validators';

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
  @IsObject()
  @ValidateNested()
  @Type(() => QualiopiCertificateDto)
  certificate!: QualiopiCertificateDto;
}
