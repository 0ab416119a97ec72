import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, Matches, Max, Min, registerDecorator, ValidateNested, ValidationArguments, ValidationOptions } from 'class-validator';

/** A business reference chosen by the buyer (lot number, clause number, session code). */
export const IsReference = (options?: ValidationOptions) =>
  Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: '$property must be 1 to 64 letters, digits, . _ -', ...options });

type Dto = abstract new () => object;

/** A nested object, validated as this DTO. */
export const IsNested = (dto: () => Dto): PropertyDecorator => applyDecorators(Type(dto), ValidateNested(), IsObject());

/**
 * A list of nested objects, each validated as this DTO: at most `max` of them, and at least `min` when given.
 * Its decorators apply in the order of those it stands for, stacked above a property (the innermost first).
 */
export function IsListOf(dto: () => Dto, { min, max }: { min?: number; max: number }): PropertyDecorator {
  return applyDecorators(Type(dto), ValidateNested({ each: true }), IsObject({ each: true }), ArrayMaxSize(max), ...(min === undefined ? [] : [ArrayMinSize(min)]), IsArray());
}

/**
 * A nested object that is one of several DTOs, chosen by the value of its `property` (kept on the object), and
 * validated as that DTO.
 */
export function IsOneOf(base: () => Dto, property: string, variants: Record<string, new () => object>): PropertyDecorator {
  const subTypes = Object.entries(variants).map(([name, value]) => ({ value, name }));
  // Applied in the order the decorators stacked above a property apply: the innermost first.
  return applyDecorators(Type(base, { keepDiscriminatorProperty: true, discriminator: { property, subTypes } }), ValidateNested(), IsObject());
}

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  applyDecorators(
    Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '$property must be a date YYYY-MM-DD', ...options }),
    IsExistingDate(options),
  );

function IsExistingDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isExistingDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property is not a day of the calendar', ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          // Not a date at all ("garbage") is an invalid Date: its toISOString() would throw.
          const day = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
        },
      },
    });
}

/**
 * A finite number with at most `places` decimals, written in any JSON form (`12.5`, `1e-7`, `5e-324`):
 * class-validator's maxDecimalPlaces reads the decimals from the number's text and throws on exponent forms.
 */
export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  const scale = 10 ** places;
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDecimal',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [places],
      options: { message: `$property must be a number with at most ${places} decimals`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.round(value * scale) / scale === value,
      },
    });
}

/** Money in integer cents, from 0 to a thousand billion euros. */
export const IsCents = () => applyDecorators(IsInt(), Min(0), Max(100_000_000_000_000));

/** A signed amount of money in integer cents. */
export const IsSignedCents = () => applyDecorators(IsInt(), Min(-100_000_000_000_000), Max(100_000_000_000_000));

/** A quantity of work units. */
export const IsQuantity = () => applyDecorators(IsInt(), Min(0), Max(100_000_000));

/** The date must not come before another date field of the same object. */
export function IsNotBefore(otherProperty: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName,
      constraints: [otherProperty],
      options: { message: `$property must not be before ${otherProperty}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[otherProperty];
          return typeof value !== 'string' || typeof other !== 'string' || value >= other;
        },
      },
    });
}

/** The date must come strictly after another date field of the same object. */
export function IsAfter(otherProperty: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAfter',
      target: target.constructor,
      propertyName,
      constraints: [otherProperty],
      options: { message: `$property must be after ${otherProperty}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[otherProperty];
          return typeof value !== 'string' || typeof other !== 'string' || value > other;
        },
      },
    });
}
