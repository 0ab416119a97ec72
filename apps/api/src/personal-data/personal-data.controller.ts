import { Controller, Delete, Inject, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Request } from 'express';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandRequests, handleCommand, NotFoundError, PersonalDataVault, personalDataErasureDecider, personalDataStream, Principal, Roles } from '@app/shared';

export class PersonParams {
  /** A pseudonymous person id, as trainees are named in events. */
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'personId must be a pseudonymous id: 8 to 64 letters, digits, _ or -' })
  personId!: string;
}

export interface ErasureAnswer {
  personId: string;
  /** Keys destroyed by this request; empty when an earlier request had already destroyed them all. */
  erasedKeyIds: string[];
  erasedAt: string;
}

/**
 * The right to erasure by crypto-shredding: an administrator of the tenant (acting for its data-protection
 * officer) destroys a person's keys. Every personal attribute sealed under them, in every event and every copy
 * of the log, then reads as erased; the events themselves are untouched, so the hash chains still verify.
 */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('personal-data')
export class PersonalDataController {
  constructor(
    private readonly vault: PersonalDataVault,
    private readonly requests: CommandRequests,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Roles('admin')
  @Delete(':personId')
  async erase(@Param() { personId }: PersonParams, @Req() request: Request & { principal: Principal }): Promise<ErasureAnswer> {
    const { context } = this.requests.from(request);
    const erased = await this.vault.erase(context.tenant, personId, context.actorId, context.occurredAt);
    if (erased === undefined) throw new NotFoundError('Personal data of person', personId);
    // Recorded after the keys are gone: erasing comes first; the same Idempotency-Key records it once.
    const result = await handleCommand(
      this.store,
      personalDataErasureDecider,
      personalDataStream(context.tenant),
      { type: 'RecordPersonalDataErasure', data: { personId, keyIds: erased.keyIds, erasedAt: context.occurredAt } },
      context,
      { retryOnConflict: true },
    );
    const [recorded] = result.events;
    return { personId, erasedKeyIds: recorded.data.keyIds, erasedAt: recorded.data.erasedAt };
  }
}
