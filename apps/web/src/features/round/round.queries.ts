import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { Schemas, api, data } from '../../api/client';
import { usePagedList } from '../../api/pages';
import type { paths } from '../../api/schema';

export type Round = Schemas['RoundResponse'];
export type RoundMember = Schemas['RoundMemberResponse'];
export type RoundEvent = Schemas['EventResponse'];
export type MemberDecision = Schemas['MemberDecisionResponse'];
export type Grant = Schemas['RoleGrantResponse'];
export type AgreementChanges = Schemas['AgreementChangesResponse'];
export type SectionChange = Schemas['SectionChangeResponse'];

// The live stream of the council invalidates ['round', id]; everything below it refreshes with it.
export const roundKey = (id: string) => ['round', id] as const;
export const roundEventsKey = (id: string) => ['round', id, 'events'] as const;
export const memberDecisionKey = (id: string, municipalityNumber: string) => ['round', id, 'decision', municipalityNumber] as const;
// Under the round: when the round is settled the live stream refreshes the round, and the agreement in force may have changed with it.
export const agreementChangesKey = (id: string) => ['round', id, 'agreement-changes'] as const;

export function useRound(id: string) {
  return useQuery({
    queryKey: roundKey(id),
    queryFn: async () => data(await api.GET('/api/rounds/{id}', { params: { path: { id } } })),
  });
}

/** What the round's agreement version changes against the agreement in force today: what the kommunestyre is asked to adopt. */
export function useAgreementChanges(round: Pick<Round, 'id' | 'council'>, versionId: string) {
  return useQuery({
    queryKey: agreementChangesKey(round.id),
    queryFn: async () =>
      data(await api.GET('/api/councils/{slug}/agreement-versions/{id}/changes', { params: { path: { slug: round.council, id: versionId } } })),
  });
}

type EventsQuery = NonNullable<paths['/api/rounds/{id}/events']['get']['parameters']['query']>;

/** The round's audit trail, oldest first, a page at a time. */
export function useRoundEvents(id: string) {
  return usePagedList({
    queryKey: roundEventsKey(id),
    first: {} as EventsQuery,
    fetchPage: (query, signal) => api.GET('/api/rounds/{id}/events', { params: { path: { id }, query }, signal }),
  });
}

/** One member's decision with every revision and the ETag that guards a correction; read only when asked for. */
export function useMemberDecision(id: string, municipalityNumber: string, enabled: boolean) {
  return useQuery({
    queryKey: memberDecisionKey(id, municipalityNumber),
    enabled,
    queryFn: async () => data(await api.GET('/api/rounds/{id}/decisions/{municipalityNumber}', { params: { path: { id, municipalityNumber } } })),
  });
}

/** After a change: the round, its timeline, its decisions and the dashboards that count it are read again. */
export function useRoundChanged(id: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: roundKey(id) }),
      queryClient.invalidateQueries({ queryKey: roundEventsKey(id) }),
      queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
    ]);
  }, [queryClient, id]);
}

/** The secretariat of the round's council, or the admin: the ones who may extend, withdraw, close and correct. */
export function actsForSecretariat(roles: readonly Grant[], council: string): boolean {
  return roles.some((grant) => grant.role === 'admin' || (grant.role === 'secretariat' && grant.council === council));
}

/** The municipalities the person is clerk of. */
export function clerkOf(roles: readonly Grant[]): Set<string> {
  return new Set(roles.filter((grant) => grant.role === 'clerk' && grant.municipality).map((grant) => grant.municipality!));
}

export const UNDECIDED: readonly RoundMember['status'][] = ['pending', 'scheduled', 'postponed'];

/** A key for one attempt at sending a form: the same body sent again (a retry) carries the same key. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only in secure contexts; a plain-http installation still needs a unique key.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
