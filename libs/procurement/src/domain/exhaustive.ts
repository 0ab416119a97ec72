/** The default of a switch over a union: the compiler fails it when a case is missing. */
export function exhaustive(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
