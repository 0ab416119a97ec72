import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Roles } from '@app/shared';
import { ApiRequest, CommandAnswer, ContractCommands } from './contract-commands';
import { AdjustmentPolicyDto, RejectProposalDto } from './dto/proposal.dto';

const Id = new ParseUUIDPipe({ version: '5' });

/** The adjustment loop as the buyer steers it: its thresholds, and the proposals it makes. */
@ApiTags('adjustment proposals')
@ApiBearerAuth()
@Roles('buyer')
@Controller('contracts/:contractId')
export class ProposalsController {
  constructor(private readonly commands: ContractCommands) {}

  @Put('adjustment-policy')
  configure(
    @Param('contractId', Id) contractId: string,
    @Body() body: AdjustmentPolicyDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'ConfigureAdjustmentPolicy', meta, data: body }));
  }

  @HttpCode(200)
  @Post('proposals/:proposalId/approve')
  approve(
    @Param('contractId', Id) contractId: string,
    @Param('proposalId') proposalId: string,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'ApproveAdjustmentProposal', meta, data: { proposalId } }));
  }

  @HttpCode(200)
  @Post('proposals/:proposalId/reject')
  reject(
    @Param('contractId', Id) contractId: string,
    @Param('proposalId') proposalId: string,
    @Body() body: RejectProposalDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({
      type: 'RejectAdjustmentProposal',
      meta,
      data: { proposalId, reason: body.reason },
    }));
  }
}
