import { Arg, ID } from 'type-graphql';

/*
 * The arguments resolvers declare over and over, said once, as `OptionalField` and `Filter` say input fields.
 * Each is `@Arg` with the options every such argument takes; anything else (a default value, a list) is `@Arg`.
 */

/** What `@Arg` takes for the argument's GraphQL type: `() => ID`, `() => [InvoiceDestination]`. */
type ArgType = Parameters<typeof Arg>[1];

/** `@IdArg('id', 'The invoice.') id: string`: a required ID (root ID arguments are checked to be ids, id-validation.ts). */
export const IdArg = (name: string, description: string): ReturnType<typeof Arg> =>
  Arg(name, () => ID, { description });

/** `@InputArg(() => LogTimeInput, 'The time to log.') input: LogTimeInput`: the `input` object of a mutation. */
export const InputArg = (type: ArgType, description: string): ReturnType<typeof Arg> =>
  Arg('input', type, { description });

/** `@OptionalArg('clientId', () => ID, "Only this client's.") clientId: string | undefined`: nullable, may be left out. */
export const OptionalArg = (name: string, type: ArgType, description: string): ReturnType<typeof Arg> =>
  Arg(name, type, { description, nullable: true });
