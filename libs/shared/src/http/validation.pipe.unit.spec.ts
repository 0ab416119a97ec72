import { IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { createValidationPipe, InvalidInputException } from './validation.pipe';

class Place {
  @IsString()
  @Length(1, 50)
  name!: string;
}

class Visit {
  @IsString()
  @Length(1, 200)
  note!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Place)
  place!: Place;
}

const pipe = createValidationPipe();
const validate = (body: unknown) => pipe.transform(body, { type: 'body', metatype: Visit });

async function refusal(body: unknown): Promise<string[]> {
  try {
    await validate(body);
  } catch (error) {
    if (error instanceof InvalidInputException) return error.fields.map(({ field }) => field);
    throw error;
  }
  throw new Error('accepted');
}

describe('the validation pipe', () => {
  it('accepts text in any script: right-to-left, combining marks, astral characters, tabs and line breaks', async () => {
    const note = 'שלום مرحبا e\u0301 n\u0303 𝔸 😀\tligne\r\nsuivante';
    await expect(validate({ note, place: { name: 'Lyon' } })).resolves.toMatchObject({ note });
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['an escape sequence', '\u001b[31mred'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', '\uDFFFb'],
  ])('refuses text holding %s, naming the field', async (_, name) => {
    expect(await refusal({ note: 'ok', place: { name } })).toEqual(['place.name']);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key, which the whitelist would not see', async (key) => {
    const place = Object.defineProperty({ name: 'Lyon' }, key, { value: { polluted: true }, enumerable: true });
    expect(await refusal({ note: 'ok', place })).toEqual([`place.${key}`]);
  });

  it('refuses a body nested deeper than any request of the api, before the DTO tools recurse into it', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const fields = await refusal({ note: 'ok', place: deep });
    expect(fields).toHaveLength(1);
    expect(fields[0]).toMatch(/^place(\.0)+$/);
  });

  it('refuses an array, or nothing, where a nested object is expected', async () => {
    expect(await refusal({ note: 'ok', place: [] })).toEqual(['place']);
    expect(await refusal({ note: 'ok' })).toEqual(['place']);
  });
});
