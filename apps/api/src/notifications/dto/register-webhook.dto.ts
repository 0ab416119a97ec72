import { IsUrl, MaxLength } from 'class-validator';

export class RegisterWebhookDto {
  /** Where notices are POSTed: HTTPS (plain http to 127.0.0.1 or localhost outside production, for tests). */
  @MaxLength(2000)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false }, { message: 'url must be an absolute https URL' })
  url!: string;
}
