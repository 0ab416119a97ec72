import { Injectable, PipeTransform } from '@nestjs/common';
import { DeliveryReport } from '@app/procurement';
import { createValidationPipe, DiscriminatedBody, InvalidInputException } from '@app/shared';
import { DELIVERY_REPORT_DTOS } from './dto/delivery-report.dto';

const KINDS = new Map(Object.entries(DELIVERY_REPORT_DTOS));

/**
 * Validates a report body against the DTO of its `kind` (the body itself is the discriminated union, so the
 * global pipe, which sees no class, leaves it to this one), with the same rules and 400 answer as every body.
 */
@Injectable()
export class DeliveryReportPipe implements PipeTransform<unknown, Promise<DeliveryReport>>, DiscriminatedBody {
  readonly discriminator = 'kind';
  readonly variants = DELIVERY_REPORT_DTOS;
  private readonly validation = createValidationPipe();

  async transform(body: unknown): Promise<DeliveryReport> {
    const kind = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { kind?: unknown }).kind : undefined;
    const dto = typeof kind === 'string' ? KINDS.get(kind) : undefined;
    if (!dto) {
      throw new InvalidInputException([{ field: 'kind', messages: [`kind must be one of ${[...KINDS.keys()].join(', ')}`] }]);
    }
    return this.validation.transform(body, { type: 'body', metatype: dto }) as Promise<DeliveryReport>;
  }
}
