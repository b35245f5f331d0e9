import request from 'supertest';
import { TRONDHEIMSREGIONEN } from '@app/domain/testing/trondheimsregionen.fixture';
import { TestApi } from './api';
import { clerkToken, secretariatToken } from './tokens';

export const COUNCIL = TRONDHEIMSREGIONEN.slug;
export const MEMBERS = TRONDHEIMSREGIONEN.members.map((member) => member.municipalityNumber);

/** Launches the NOK 10 000 000 fee round of 2022 over the 2022 fees, as the secretariat. */
export async function launchFeeRound(api: TestApi, overrides: Record<string, unknown> = {}) {
  const response = await request(api.http)
    .post(`/api/councils/${COUNCIL}/rounds`)
    .set('Authorization', `Bearer ${await secretariatToken(COUNCIL)}`)
    .send({
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2023-01-01' },
      deadline: '2022-12-15',
      ...overrides,
    });
  if (response.status !== 201) throw new Error(`launch failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; status: string; allocation: Array<Record<string, string>>; members: unknown[] };
}

/** What a clerk registers, with the references a kommunestyre decision carries. */
export function decision(kind: string, meetingDate: string, extra: Record<string, unknown> = {}) {
  const body = ['scheduled'].includes(kind) ? {} : { caseNumber: `2022/${meetingDate.slice(5, 7)}${meetingDate.slice(8)}`, protocolRef: `protokoll ${meetingDate}` };
  return { decision: kind, meetingDate, ...body, ...extra };
}

/** A clerk's PUT of their municipality's decision. */
export async function register(api: TestApi, roundId: string, municipality: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return request(api.http)
    .put(`/api/rounds/${roundId}/decisions/${municipality}`)
    .set('Authorization', `Bearer ${await clerkToken(municipality)}`)
    .set(headers)
    .send(body);
}

/**
 * Launches fee rounds whose one reminder (the day before a 2030-01-10 deadline) is due at once
 * when the clock reads 2030-01-09: eight reminders a round. Effective dates from `firstYear` on.
 */
export async function launchDueRounds(api: TestApi, rounds: number, firstYear: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${firstYear + i}-01-01` },
      deadline: '2030-01-10',
      reminderDaysBefore: [1],
    });
  }
}
