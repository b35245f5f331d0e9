import { useQuery } from '@tanstack/react-query';
import { useSession } from '../auth/use-session';
import { api, data } from './client';
import { usePagedList } from './pages';
import type { paths } from './schema';

/** Who the api takes the signed-in person to be, with their grants. */
export function useMe() {
  const { status } = useSession();
  return useQuery({
    queryKey: ['me'],
    enabled: status === 'signed-in' || status === 'expired',
    staleTime: 5 * 60_000,
    queryFn: async () => data(await api.GET('/api/me')),
  });
}

type CouncilsQuery = NonNullable<paths['/api/councils']['get']['parameters']['query']>;
type CalendarFeedsQuery = NonNullable<paths['/api/me/calendar-feeds']['get']['parameters']['query']>;

/** The councils the person may see, by name, a page at a time. */
export function useMyCouncils() {
  return usePagedList({
    queryKey: ['councils'],
    first: {} as CouncilsQuery,
    fetchPage: (query, signal) => api.GET('/api/councils', { params: { query }, signal }),
  });
}

/** The query key of the person's own calendar feeds: issuing and revoking one refreshes it. */
export const MY_CALENDAR_FEEDS = ['calendar-feeds'] as const;

/** The person's calendar feeds that are not revoked, newest first, a page at a time; never their tokens. */
export function useMyCalendarFeeds() {
  return usePagedList({
    queryKey: MY_CALENDAR_FEEDS,
    first: {} as CalendarFeedsQuery,
    fetchPage: (query, signal) => api.GET('/api/me/calendar-feeds', { params: { query }, signal }),
  });
}
