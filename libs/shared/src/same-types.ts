/**
 * `true` when A and B are the same union, `never` otherwise. Assigned `true`, it makes a table keyed by event
 * type fail to compile when it misses a type of the union or keys one outside it.
 */
export type SameTypes<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
