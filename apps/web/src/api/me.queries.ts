import { useQuery } from '@tanstack/react-query';
import { useSession } from '../auth/use-session';
import { api, data } from './client';

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

/** The query key of the person's own calendar feeds: issuing and revoking one refreshes it. */
export const MY_CALENDAR_FEEDS = ['calendar-feeds'] as const;

/** The person's calendar feeds that are not revoked, newest first; never their tokens. */
export function useMyCalendarFeeds() {
  return useQuery({ queryKey: MY_CALENDAR_FEEDS, queryFn: async () => data(await api.GET('/api/me/calendar-feeds')) });
}
