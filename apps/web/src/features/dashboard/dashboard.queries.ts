import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client';

// The live stream refetches on every change; without it, the dashboard still catches up this often.
const POLL_WITHOUT_LIVE_MS = 30_000;

/** The council's dashboard; `['dashboard', slug]` is what the live stream invalidates. */
export function useDashboard(slug: string, live: boolean) {
  return useQuery({
    queryKey: ['dashboard', slug],
    refetchInterval: live ? false : POLL_WITHOUT_LIVE_MS,
    queryFn: async ({ signal }) => data(await api.GET('/api/councils/{slug}/dashboard', { params: { path: { slug } }, signal })),
  });
}

/** The council with its past members too, who may still be the decisive member of a settled round. */
export function useCouncil(slug: string) {
  return useQuery({
    queryKey: ['council', slug],
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => data(await api.GET('/api/councils/{slug}', { params: { path: { slug } }, signal })),
  });
}
