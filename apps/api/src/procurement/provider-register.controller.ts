import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { EVENT_STORE, EventStore } from '@app/event-store';
import {
  checkCertificate,
  PROVIDER_CONTACT_ROLES,
  ProviderContact,
  ProviderContacts,
  ProviderRegisterCommand,
  providerRegisterDecider,
  ProviderRegisterState,
  providerRegisterStream,
} from '@app/procurement';
import { Clock, CLOCK, CommandRequests, CurrentPrincipal, etagOf, NotFoundError, PersonalDataVault, Principal, Roles } from '@app/shared';
import { foldOnStream, sendOnStream } from '../stream-commands';
import { ApiRequest } from './contract-commands';
import { ProviderContactDto, ProviderIdParam, RecordQualiopiCertificateDto, RegisterProviderDto, UpdateProviderContactsDto } from './dto/provider-register.dto';

/**
 * The tenant's register of training providers: who they are (legal name, SIRET, declaration of activity) and
 * their Qualiopi certificate (art. L6316-1 Code du travail), which public training funds require.
 */
@ApiTags('provider register')
@ApiBearerAuth()
@Controller('providers')
export class ProviderRegisterController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly requests: CommandRequests,
    private readonly vault: PersonalDataVault,
  ) {}

  /** Registers a provider once, under the id its tokens carry (422 when its SIRET's key is wrong). */
  @Roles('buyer', 'admin')
  @Post()
  register(@Body() body: RegisterProviderDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.send(request, response, body.providerId, (meta, tenant) => ({ type: 'RegisterProvider', meta, data: { tenant, ...body } }));
  }

  /** Records the provider's Qualiopi certificate as issued by its certifier; a renewal replaces it. */
  @Roles('buyer', 'admin')
  @Post(':providerId/qualiopi-certificates')
  recordCertificate(
    @Param() { providerId }: ProviderIdParam,
    @Body() { certificate }: RecordQualiopiCertificateDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(request, response, providerId, (meta, tenant) => ({
      type: 'RecordQualiopiCertificate',
      meta,
      data: { tenant, providerId, certificate: { ...certificate, categories: [...certificate.categories] } },
    }));
  }

  /**
   * The provider's contacts for notices and its disability referent, set by the provider for itself (another
   * provider's answers 404, as its entry does) or by the buyer. Each contact is a person with a new pseudonymous id, under which the
   * name, e-mail and phone are sealed in the personal-data vault: erasing that id makes them unreadable everywhere.
   */
  @Roles('provider', 'buyer', 'admin')
  @Put(':providerId/contacts')
  async updateContacts(
    @Param() { providerId }: ProviderIdParam,
    @Body() body: UpdateProviderContactsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    // Another provider's entry is answered as missing, as its reading is.
    if (principal.role === 'provider' && principal.providerId !== providerId) throw new NotFoundError('Provider', providerId);
    const at = this.clock.now().toISOString();
    const contacts: ProviderContacts = {};
    for (const role of PROVIDER_CONTACT_ROLES) {
      const given = body[role];
      if (given) contacts[role] = await this.sealed(principal.tenant, given, at);
    }
    return this.send(request, response, providerId, (meta, tenant) => ({ type: 'UpdateProviderContacts', meta, data: { tenant, providerId, contacts } }));
  }

  private async sealed(tenant: string, contact: ProviderContactDto, at: string): Promise<ProviderContact> {
    // A new person each time: a replaced contact stays erasable on its own id.
    const personId = `pc-${randomBytes(12).toString('hex')}`;
    const seal = (attribute: string, value: string) => this.vault.seal(tenant, personId, attribute, value, at);
    return {
      personId,
      name: await seal('name', contact.name),
      email: await seal('email', contact.email),
      ...(contact.phone === undefined ? {} : { phone: await seal('phone', contact.phone) }),
    };
  }

  private async opened(tenant: string, contacts: ProviderContacts) {
    const open = async (contact: ProviderContact) => ({
      personId: contact.personId,
      name: await this.vault.open(tenant, contact.personId, 'name', contact.name),
      email: await this.vault.open(tenant, contact.personId, 'email', contact.email),
      ...(contact.phone === undefined ? {} : { phone: await this.vault.open(tenant, contact.personId, 'phone', contact.phone) }),
    });
    return Object.fromEntries(
      await Promise.all(PROVIDER_CONTACT_ROLES.filter((role) => contacts[role]).map(async (role) => [role, await open(contacts[role]!)] as const)),
    );
  }

  /**
   * One provider's entry and whether its certificate allows training actions (ACTIONS_DE_FORMATION) today.
   * A provider reads its own entry only: another's answers 404, as one that does not exist.
   */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin', 'provider')
  @Get(':providerId')
  async entry(@Param() { providerId }: ProviderIdParam, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const { state, revision } = await this.fold(principal.tenant, providerId);
    if (!state.entry || (principal.role === 'provider' && principal.providerId !== providerId)) throw new NotFoundError('Provider', providerId);
    const today = this.clock.now().toISOString().slice(0, 10);
    const check = checkCertificate(state.certificate, 'ACTIONS_DE_FORMATION', today);
    response.setHeader('ETag', etagOf(revision));
    return {
      ...state.entry,
      certificate: state.certificate ?? null,
      contacts: await this.opened(principal.tenant, state.contacts),
      trainingActions: { on: today, allowed: check.ok, ...(check.ok ? {} : { ruleCode: check.code }) },
    };
  }

  private async send(
    request: ApiRequest,
    response: Response,
    providerId: string,
    command: (meta: { at: string; actorId: string }, tenant: string) => ProviderRegisterCommand,
  ) {
    const prepared = this.requests.from(request);
    const { context } = prepared;
    const built = command({ at: context.occurredAt, actorId: context.actorId }, context.tenant);
    const result = await sendOnStream(this.store, providerRegisterDecider, providerRegisterStream(context.tenant, providerId), prepared, built, response);
    return { providerId, revision: result.revision, replayed: result.replayed };
  }

  private fold(tenant: string, providerId: string): Promise<{ state: ProviderRegisterState; revision: number }> {
    return foldOnStream(this.store, providerRegisterDecider, providerRegisterStream(tenant, providerId));
  }
}
