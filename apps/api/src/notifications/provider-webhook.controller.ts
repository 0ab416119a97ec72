import { Body, Controller, Get, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { ProviderWebhook, ProviderWebhooks, WebhookRegistration } from '@app/notifications';
import { CommandRequests, CurrentPrincipal, etagOf, NotFoundError, Principal, Roles } from '@app/shared';
import { RegisterWebhookDto } from './dto/register-webhook.dto';

/** A provider's own webhook, where its notifications are delivered. */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles('provider')
@Controller('providers/me/webhook')
export class ProviderWebhookController {
  constructor(
    private readonly webhooks: ProviderWebhooks,
    private readonly requests: CommandRequests,
  ) {}

  /**
   * Registers (or replaces) the webhook. The answer carries the signing secret of `X-Signature`: it is shown
   * only here, so keep it; registering again gives a new one.
   */
  @Put()
  async register(
    @Body() body: RegisterWebhookDto,
    @Req() request: Request & { principal: Principal },
    @Res({ passthrough: true }) response: Response,
  ): Promise<WebhookRegistration> {
    const { context } = this.requests.from(request);
    const registration = await this.webhooks.register(context, request.principal.providerId!, body.url);
    response.setHeader('ETag', etagOf(registration.revision));
    return registration;
  }

  /** The webhook registered now, without its secret. */
  @Get()
  async read(@CurrentPrincipal() principal: Principal): Promise<ProviderWebhook> {
    const webhook = await this.webhooks.current(principal.tenant, principal.providerId!);
    if (!webhook) throw new NotFoundError('Webhook', principal.providerId!);
    return webhook;
  }
}
