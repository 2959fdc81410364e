import { ArgsType, Field, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { DateScalar } from './scalars.js';
import { OptionalField, OptionalId } from './input-rules.js';
import { Max, Min } from 'class-validator';
import type { KeysetPage } from '../platform/database/keyset-page.js';

/** Relay page arguments, the same on every list that can grow: forward with first/after, backward with last/before. */
@ArgsType()
export class PageArgs {
  @OptionalField(
    () => Int,
    'Page size going forward (from the start, or after `after`). Neither first nor last: the first page of the size the list states (at most 50).',
  )
  @Min(1)
  @Max(1000)
  first?: number | null;

  @OptionalField(() => String, 'The `endCursor` (or an edge `cursor`) to continue after.') after?: string | null;

  @OptionalField(() => Int, 'Page size going backward (from the end, or before `before`).')
  @Min(1)
  @Max(1000)
  last?: number | null;

  @OptionalField(() => String, 'The `startCursor` (or an edge `cursor`) to page back from.') before?: string | null;
}

@ObjectType({ description: 'Where a page stands in its list (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow the last one of this page.' }) hasNextPage: boolean;
  @Field(() => Boolean, { description: 'Items come before the first one of this page.' }) hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: "The first item's cursor (null on an empty page)." })
  startCursor: string | null;
  @Field(() => String, { nullable: true, description: "The last item's cursor (null on an empty page)." })
  endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
  /** A promise read only when a caller selects it, so the count is one extra statement only then. */
  totalCount: number | Promise<number>;
}

/**
 * The `XConnection` and `XEdge` types of one node type, for `@ObjectType() class XConnection extends
 * Connection(X, 'X', 'payments') {}`: edges with cursors, `nodes` for callers who need no cursor per item,
 * `pageInfo` and `totalCount`.
 */
export function Connection<T extends object>(Node: ClassType<T>, name: string, plural: string) {
  @ObjectType(`${name}Edge`, { description: `One of the ${plural} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Where this item stands: give it as `after` or `before`.' }) cursor: string;
    @Field(() => Node, { description: 'The item.' }) node: T;
  }

  @ObjectType()
  abstract class ConnectionBase implements ConnectionShape<T> {
    @Field(() => [Edge], { description: `The ${plural} of this page with their cursors.` }) edges: Edge[];
    @Field(() => [Node], { description: `The ${plural} of this page.` }) nodes: T[];
    @Field(() => PageInfo, {
      description: 'Where this page stands: cursors of its ends, and whether more pages exist.',
    })
    pageInfo: PageInfo;
    @Field(() => Int, { description: `How many ${plural} match in all (one extra query; ask only when needed).` })
    totalCount: number | Promise<number>;
  }
  return ConnectionBase;
}

/** A keyset page as a connection; `map` turns stored rows into what the API shows (e.g. redaction). */
export function toConnection<R, T = R>(page: KeysetPage<R>, map: (row: R) => T = (r) => r as unknown as T) {
  const nodes = page.nodes.map(map);
  return {
    nodes,
    edges: nodes.map((node, i) => ({ node, cursor: page.cursors[i]! })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors[page.cursors.length - 1] ?? null,
    },
    // A getter: the count runs only when a caller selects totalCount.
    get totalCount() {
      return page.totalCount();
    },
  };
}

/** The one date-range filter of the API: both ends optional and inclusive, ISO dates (YYYY-MM-DD). */
@InputType({ description: 'A range of dates, both ends inclusive and optional (YYYY-MM-DD).' })
export class DateRangeInput {
  @OptionalField(() => DateScalar, 'From this date (inclusive).') from?: string;
  @OptionalField(() => DateScalar, 'Through this date (inclusive).') to?: string;
}

/** A page of a list whose items can be archived (clients, catalog services). */
@ArgsType()
export class ArchivablePageArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Include archived items.' }) includeArchived: boolean;
}

/** A list filter argument that may be left out: `@Filter(() => DateRangeInput, 'Received on these dates.')`. */
export const Filter = OptionalField;

/** A list filter by the id of a related object (checked to be an id before any query runs). */
export const IdFilter = OptionalId;
