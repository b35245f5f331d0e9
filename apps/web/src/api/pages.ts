import { InfiniteData, QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { data } from './client';

/** What an api call of openapi-fetch answers. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** One page of a list and the query of the next, or null on the last. */
export interface ListPage<T, Q> {
  items: T[];
  next: Q | null;
}

/**
 * The query of the next page as the api names it in `Link: <…>; rel="next"` (RFC 8288), or null
 * on the last page. Its cursor is opaque, so the query is passed on as it is.
 */
export function nextPageQuery<Q>(response: Response): Q | null {
  const header = response.headers.get('Link');
  const next = header
    ?.split(',')
    .map((part) => /<([^>]*)>\s*;(.*)/.exec(part.trim()))
    .find((match) => match && /\brel="?([^"]*\s)?next(\s[^"]*)?"?/.test(match[2]));
  if (!next) return null;
  const url = new URL(next[1], window.location.origin);
  return Object.fromEntries(url.searchParams) as unknown as Q;
}

/** A page of the list as the api answered it, or its problem thrown. */
export function listPage<T, Q>(answer: Answer<T[]>): ListPage<T, Q> {
  return { items: data(answer), next: nextPageQuery<Q>(answer.response) };
}

/**
 * A list the api answers in pages, read a page at a time as the person asks for more: `items` is
 * every page read so far, `hasNextPage` whether there is more to show.
 */
export function usePagedList<T, Q>(options: {
  queryKey: QueryKey;
  first: Q;
  fetchPage: (query: Q, signal: AbortSignal) => Promise<Answer<T[]>>;
  enabled?: boolean;
}) {
  const list = useInfiniteQuery<ListPage<T, Q>, Error, InfiniteData<ListPage<T, Q>, Q>, QueryKey, Q>({
    queryKey: options.queryKey,
    enabled: options.enabled,
    initialPageParam: options.first,
    queryFn: async ({ pageParam, signal }) => listPage<T, Q>(await options.fetchPage(pageParam as Q, signal)),
    getNextPageParam: (last) => last.next,
  });
  return { ...list, items: list.data?.pages.flatMap((page) => page.items) ?? [] };
}

/** Every page of a list, for what must show all of it at once (a choice among the items). */
export async function readAllPages<T, Q>(first: Q, fetchPage: (query: Q) => Promise<Answer<T[]>>): Promise<T[]> {
  const items: T[] = [];
  for (let query: Q | null = first; query; ) {
    const page: ListPage<T, Q> = listPage(await fetchPage(query));
    items.push(...page.items);
    query = page.next;
  }
  return items;
}
