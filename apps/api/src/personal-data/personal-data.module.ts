import { Module } from '@nestjs/common';
import { CommandRequests } from '@app/shared';
import { PersonalDataController } from './personal-data.controller';

/** Erasure of personal data (the vault itself comes from the global PersonalDataModule). */
@Module({
  controllers: [PersonalDataController],
  providers: [CommandRequests],
})
export class PersonalDataApiModule {}
