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
