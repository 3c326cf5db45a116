import { InvalidArgumentError } from '@pedigree/domain';
import type { Page } from '@pedigree/graph-store';

/** Page size when a query gives no `first`. */
export const API_PAGE_DEFAULT = 20;
/** Largest `first` a query accepts: larger pages cost more than a client needs to draw a list. */
export const API_PAGE_MAX = 100;

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

/**
 * GraphQL paging arguments as a store page request; INVALID_ARGUMENT for a size outside 1..100 or
 * an `after` that is not a page's end cursor.
 */
export function toPageRequest(args: PageArgs): { first: number; after: string | null } {
  const first = args.first ?? API_PAGE_DEFAULT;
  if (!Number.isInteger(first) || first < 1 || first > API_PAGE_MAX) {
    throw new InvalidArgumentError('first', `must be an integer from 1 to ${API_PAGE_MAX}, got ${String(first)}`);
  }
  if (args.after?.includes('#')) {
    // An item's cursor inside a page (see toConnection): the store cannot start after it, and
    // reading it as the page's end would skip the rest of that page without a word.
    throw new InvalidArgumentError(
      'after',
      `${JSON.stringify(args.after)} is the cursor of an item inside a page; continue from the page's pageInfo.endCursor`,
    );
  }
  return { first, after: args.after ?? null };
}

export interface Connection<T> {
  readonly edges: readonly { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/**
 * A store page as a Relay connection. Store cursors mark page ends only, so every edge carries the
 * page's end cursor for its last item and an index-qualified cursor otherwise; clients page with
 * `pageInfo.endCursor`, which is what the store understands.
 */
export function toConnection<T, N = T>(page: Page<T>, map?: (item: T) => N): Connection<N> {
  const end = page.endCursor;
  const edges = page.items.map((item, index) => ({
    cursor: index === page.items.length - 1 && end ? end : `${end ?? 'start'}#${index}`,
    node: map ? map(item) : (item as unknown as N),
  }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: end } };
}
