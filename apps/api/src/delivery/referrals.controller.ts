import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { GetReferrals, ReferralAnswer, ReferralsView, ReferTrainee } from '@app/procurement';
import { CommandRequests, CurrentPrincipal, etagOf, idFromName, Principal, Roles } from '@app/shared';
import { ReferTraineeDto } from './dto/refer-trainee.dto';

const Id = new ParseUUIDPipe({ version: '5' });

type ApiRequest = Request & { principal: Principal };

/**
 * Referrals (prescriptions): a Pôle emploi adviser refers a job seeker to a session of an order, where the
 * referral holds a place until its outcome, or waits when the session is full. Outcomes are reported by the
 * provider as deliveries (TRAINEE_ENTERED naming the referral, REFERRAL_REFUSED, REFERRAL_NO_SHOW).
 */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('contracts/:contractId/orders/:orderId')
export class ReferralsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly requests: CommandRequests,
  ) {}

  @Roles('pole_emploi')
  @Post('sessions/:sessionId/referrals')
  async refer(
    @Param('contractId', Id) contractId: string,
    @Param('orderId', Id) orderId: string,
    // Any text: a session the order does not hold is refused by the domain (422 SESSION_NOT_FOUND).
    @Param('sessionId') sessionId: string,
    @Body() body: ReferTraineeDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReferralAnswer & { contractId: string; orderId: string }> {
    const { context, expectedRevision } = this.requests.from(request);
    // Named after the command: the same Idempotency-Key names the same referral.
    const referralId = idFromName('referral', context.commandId);
    const answer: ReferralAnswer = await this.commandBus.execute(
      new ReferTrainee(contractId, orderId, referralId, body.traineeId, sessionId, body.publics, context, expectedRevision),
    );
    response.setHeader('ETag', etagOf(answer.revision));
    return { contractId, orderId, ...answer };
  }

  @Roles('buyer', 'pole_emploi', 'auditor', 'provider')
  @Get('referrals')
  async list(
    @Param('contractId', Id) contractId: string,
    @Param('orderId', Id) orderId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReferralsView> {
    const view: ReferralsView = await this.queryBus.execute(new GetReferrals(contractId, orderId, principal));
    response.setHeader('ETag', etagOf(view.revision));
    return view;
  }
}
