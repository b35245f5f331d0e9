import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiProblem, Schemas, api, data } from '../../api/client';
import { readAllPages } from '../../api/pages';
import type { paths } from '../../api/schema';

type VersionsQuery = NonNullable<paths['/api/councils/{slug}/agreement-versions']['get']['parameters']['query']>;

export function useCouncil(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['council', slug],
    enabled,
    queryFn: async () => data(await api.GET('/api/councils/{slug}', { params: { path: { slug } } })),
  });
}

/** Every cost key of the council with its weights: the api answers them one key at a time. */
export function useCostKeys(slug: string, keys: readonly string[]) {
  return useQueries({
    queries: keys.map((key) => ({
      queryKey: ['council', slug, 'cost-key', key],
      queryFn: async () => data(await api.GET('/api/councils/{slug}/cost-keys/{key}', { params: { path: { slug, key } } })),
    })),
  });
}

/** Every version of the council's agreement, oldest first: the launch offers a choice among all of them, so every page is read. */
export function useAgreementVersions(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['council', slug, 'agreement-versions'],
    enabled,
    queryFn: ({ signal }) =>
      readAllPages<Schemas['AgreementVersionResponse'], VersionsQuery>({ limit: 200 }, (query) =>
        api.GET('/api/councils/{slug}/agreement-versions', { params: { path: { slug }, query }, signal }),
      ),
  });
}

// "Nothing in force today" is an answer of its own here, not an error: a new council has neither yet.
async function orNoneInForce<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T | null> {
  try {
    return data(await request);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return null;
    throw error;
  }
}

export function useAgreementInForce(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['council', slug, 'agreement', 'today'],
    enabled,
    queryFn: () => orNoneInForce(api.GET('/api/councils/{slug}/agreement', { params: { path: { slug } } })),
  });
}

export function useFeesInForce(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['council', slug, 'fees', 'today'],
    enabled,
    queryFn: () => orNoneInForce(api.GET('/api/councils/{slug}/fees', { params: { path: { slug } } })),
  });
}

export type PreviewInput = Schemas['PreviewAllocationDto'];

/** What the total would mean for each member; the previous answer stays on screen while the next is computed. */
export function useAllocationPreview(slug: string, input: PreviewInput | null) {
  return useQuery({
    queryKey: ['allocation-preview', slug, input?.total, input?.costKey, input?.roundTo],
    enabled: input !== null,
    placeholderData: keepPreviousData,
    queryFn: async () => data(await api.POST('/api/councils/{slug}/allocations', { params: { path: { slug } }, body: input! })),
  });
}

/**
 * The launch. The api does not take an Idempotency-Key for it, so a second launch is prevented
 * here: the button is disabled while the first is under way.
 */
export function useLaunchRound(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['LaunchRoundDto']) =>
      data(await api.POST('/api/councils/{slug}/rounds', { params: { path: { slug } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['dashboard', slug] });
      void queryClient.invalidateQueries({ queryKey: ['council', slug, 'agreement-versions'] });
    },
  });
}

/** The value as it was once it has stopped changing for `delay` ms: one preview per pause, not per keystroke. */
export function useDebouncedValue<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
