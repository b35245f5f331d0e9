import request from 'supertest';
import { TRONDHEIMSREGIONEN } from '@app/domain/testing/trondheimsregionen.fixture';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, MEMBERS, decision, launchFeeRound, register } from './support/round-story';
import { leaderToken, secretariatToken } from './support/tokens';

const fees2022 = TRONDHEIMSREGIONEN.fees2022 as Record<string, string>;
const allocation2023 = TRONDHEIMSREGIONEN.allocation2023 as Record<string, string>;

describe('an approval round of the fees, end to end', () => {
  let api: TestApi;
  let secretariat: string;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
  });

  afterAll(() => api?.close());

  const fees = (on: string) => request(api.http).get(`/api/councils/${COUNCIL}/fees?on=${on}`).set('Authorization', secretariat);
  const events = async (roundId: string) =>
    (await request(api.http).get(`/api/rounds/${roundId}/events`).set('Authorization', secretariat).expect(200)).body as Array<{ type: string }>;

  it('launches NOK 10 000 000 over the 2022 fees, eight clerks decide, Melhus postpones then adopts, and the 2023 fees come into force to the øre', async () => {
    api.clock.set('2022-10-01T10:00:00+02:00');
    const round = await launchFeeRound(api);
    expect(round.status).toBe('open');
    expect(round.members).toHaveLength(8);
    for (const line of round.allocation) {
      expect(line.newFee).toBe(allocation2023[line.municipalityNumber]);
      expect(line.currentFee).toBe(fees2022[line.municipalityNumber]);
    }
    expect(round.allocation.find((line) => line.municipalityNumber === '5001')).toMatchObject({ change: '1874192.68' });

    api.clock.set('2022-11-25T12:00:00+01:00');
    const postponed = await register(api, round.id, '5028', decision('postponed', '2022-11-24', { nextMeetingDate: '2022-12-08' }));
    expect(postponed.status).toBe(200);
    expect(postponed.body.member).toMatchObject({ status: 'postponed', decision: { nextMeetingDate: '2022-12-08', revision: 1 } });

    for (const member of MEMBERS.filter((number) => number !== '5028')) {
      const body = decision('adopted', '2022-11-24', member === '5001' ? { body: 'bystyre' } : {});
      const response = await register(api, round.id, member, body);
      expect(response.status).toBe(200);
      expect(response.body.round.status).toBe('open');
    }
    const waiting = await request(api.http).get(`/api/rounds/${round.id}`).set('Authorization', secretariat).expect(200);
    expect(waiting.body.progress).toMatchObject({ adopted: 7, postponed: 1 });
    expect(waiting.body.forecast).toEqual({ date: '2022-12-08', pastDeadline: false, unscheduled: [] });

    api.clock.set('2022-12-09T09:00:00+01:00');
    const last = await register(api, round.id, '5028', decision('adopted', '2022-12-08'));
    expect(last.status).toBe(200);
    expect(last.body.round).toMatchObject({ status: 'approved', outcome: { status: 'approved', decisiveMunicipalityNumber: '5028' } });

    const inForce = await fees('2023-01-01').expect(200);
    expect(inForce.body.effectiveFrom).toBe('2023-01-01');
    const amounts = Object.fromEntries(inForce.body.fees.map((line: { municipalityNumber: string; amount: string }) => [line.municipalityNumber, line.amount]));
    expect(amounts).toEqual(allocation2023);
    const before = await fees('2022-12-31').expect(200);
    expect(before.body.effectiveFrom).toBe('2022-01-01');

    const trail = await events(round.id);
    expect(trail.filter((event) => event.type === 'round.settled')).toHaveLength(1);
    expect(trail.map((event) => event.type)).toEqual([
      'round.launched',
      ...Array(9).fill('decision.registered'),
      'round.settled',
      'fee_schedule.in_force',
    ]);
  });

  it('is rejected the moment Skaun says no; later adoptions are recorded and the 2022 fees stay in force', async () => {
    api.clock.set('2022-10-01T10:00:00+02:00');
    const round = await launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2024-01-01' } });
    api.clock.set('2022-11-25T12:00:00+01:00');
    await register(api, round.id, '5001', decision('adopted', '2022-11-24', { body: 'bystyre' })).then((r) => expect(r.status).toBe(200));
    const veto = await register(api, round.id, '5029', decision('rejected', '2022-11-24', { votes: { for: 5, against: 16, blank: 0 } }));
    expect(veto.status).toBe(200);
    expect(veto.body.round).toMatchObject({ status: 'rejected', outcome: { status: 'rejected', decisiveMunicipalityNumber: '5029' } });

    const later = await register(api, round.id, '5031', decision('adopted', '2022-11-24'));
    expect(later.status).toBe(200);
    expect(later.body.member.status).toBe('adopted');
    expect(later.body.round.status).toBe('rejected');

    // Nothing new from 2024: what was in force before stays in force.
    const inForce = await fees('2024-06-01').expect(200);
    const before = await fees('2023-12-31').expect(200);
    expect(inForce.body).toEqual(before.body);
    expect(inForce.body.effectiveFrom).not.toBe('2024-01-01');
    expect((await events(round.id)).filter((event) => event.type === 'round.settled')).toHaveLength(1);
  });

  it('keeps every revision of a correction, wants a reason for it, and after settlement only lets references change', async () => {
    api.clock.set('2022-10-01T10:00:00+02:00');
    const round = await launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2025-01-01' } });
    api.clock.set('2022-11-25T12:00:00+01:00');
    await register(api, round.id, '5031', decision('adopted', '2022-11-24')).then((r) => expect(r.status).toBe(200));

    const noReason = await register(api, round.id, '5031', decision('adopted_with_amendments', '2022-11-24'));
    // Not a step of the process: only a correction, with its reason, may change a decision.
    expect(noReason.status).toBe(409);
    expect(noReason.body).toMatchObject({ code: 'DECISION.TRANSITION_NOT_ALLOWED', errors: [{ field: 'reason' }] });

    const corrected = await register(api, round.id, '5031', decision('rejected', '2022-11-24', { reason: 'Feil registrert: kommunestyret sa nei' }));
    expect(corrected.status).toBe(200);
    expect(corrected.body.transition).toBe('correct');
    expect(corrected.body.round.status).toBe('rejected');

    const history = await request(api.http).get(`/api/rounds/${round.id}/decisions/5031`).set('Authorization', secretariat).expect(200);
    expect(history.body.revisions.map((revision: { status: string }) => revision.status)).toEqual(['adopted', 'rejected']);
    expect(history.headers.etag).toBe(history.body.etag);

    const afterSettlement = await register(api, round.id, '5031', decision('adopted', '2022-11-24', { reason: 'Tilbake' }));
    expect(afterSettlement.status).toBe(409);
    expect(afterSettlement.body.code).toBe('ROUND.ALREADY_SETTLED');

    const references = await request(api.http)
      .put(`/api/rounds/${round.id}/decisions/5031`)
      .set('Authorization', secretariat)
      .send(decision('rejected', '2022-11-24', { caseNumber: '2022/9999', reason: 'Riktig saksnummer fra arkivet' }));
    expect(references.status).toBe(200);
    expect(references.body.transition).toBe('correct_references');
    expect(references.body.member.decision).toMatchObject({ caseNumber: '2022/9999', revision: 3 });

    const secretariatDecides = await request(api.http)
      .put(`/api/rounds/${round.id}/decisions/5001`)
      .set('Authorization', secretariat)
      .send(decision('adopted', '2022-11-24', { reason: 'På vegne av kommunen' }));
    expect(secretariatDecides.status).toBe(403);
  });

  it('honours Idempotency-Key and If-Match', async () => {
    api.clock.set('2022-10-01T10:00:00+02:00');
    const round = await launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2026-01-01' } });
    api.clock.set('2022-11-25T12:00:00+01:00');
    const body = decision('scheduled', '2022-12-08');
    const first = await register(api, round.id, '5027', body, { 'Idempotency-Key': 'mg-1' });
    const again = await register(api, round.id, '5027', body, { 'Idempotency-Key': 'mg-1' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    const other = await register(api, round.id, '5027', decision('scheduled', '2022-12-09'), { 'Idempotency-Key': 'mg-1' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');

    const history = await request(api.http).get(`/api/rounds/${round.id}/decisions/5027`).set('Authorization', secretariat).expect(200);
    expect(history.body.revisions).toHaveLength(1);

    const stale = '"not-the-current-one"';
    const refused = await register(api, round.id, '5027', decision('scheduled', '2022-12-10'), { 'If-Match': stale });
    expect(refused.status).toBe(412);
    const fresh = await register(api, round.id, '5027', decision('scheduled', '2022-12-10'), { 'If-Match': history.headers.etag });
    expect(fresh.status).toBe(200);
    const nowStale = await register(api, round.id, '5027', decision('scheduled', '2022-12-11'), { 'If-Match': history.headers.etag });
    expect(nowStale.status).toBe(412);
  });

  it('refuses a decision from the formannskap, a decision dated in the future, and a clerk of another municipality', async () => {
    api.clock.set('2022-10-01T10:00:00+02:00');
    const round = await launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2027-01-01' } });
    api.clock.set('2022-11-25T12:00:00+01:00');
    const formannskap = await register(api, round.id, '5035', decision('adopted', '2022-11-24', { body: 'formannskap' }));
    expect(formannskap.status).toBe(422);
    expect(formannskap.body).toMatchObject({ code: 'DECISION.BODY_NOT_ALLOWED', errors: [{ field: 'body' }] });
    const future = await register(api, round.id, '5035', decision('adopted', '2022-11-26'));
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'meetingDate' })]);

    const foreign = await request(api.http)
      .put(`/api/rounds/${round.id}/decisions/5035`)
      .set('Authorization', `Bearer ${await (await import('./support/tokens')).clerkToken('5031')}`)
      .send(decision('adopted', '2022-11-24'));
    expect(foreign.status).toBe(403);
    const leader = await request(api.http)
      .put(`/api/rounds/${round.id}/decisions/5035`)
      .set('Authorization', `Bearer ${await leaderToken(COUNCIL)}`)
      .send(decision('adopted', '2022-11-24'));
    expect(leader.status).toBe(403);
    const history = await request(api.http).get(`/api/rounds/${round.id}/decisions/5035`).set('Authorization', secretariat).expect(200);
    expect(history.body.revisions).toHaveLength(0);
  });

  it('extends and withdraws with reasons and events; a withdrawn round takes no decisions', async () => {
    api.clock.set('2022-10-01T10:00:00+02:00');
    const round = await launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2028-01-01' } });
    const extended = await request(api.http)
      .post(`/api/rounds/${round.id}/extend`)
      .set('Authorization', secretariat)
      .send({ deadline: '2023-01-31', reason: 'Melhus behandler saken i januar' })
      .expect(200);
    expect(extended.body.deadline).toBe('2023-01-31');
    const earlier = await request(api.http).post(`/api/rounds/${round.id}/extend`).set('Authorization', secretariat).send({ deadline: '2023-01-01', reason: 'x' });
    expect(earlier.status).toBe(422);

    const withdrawn = await request(api.http)
      .post(`/api/rounds/${round.id}/withdraw`)
      .set('Authorization', secretariat)
      .send({ reason: 'Nye budsjettrammer' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', statusReason: 'Nye budsjettrammer' });
    const refused = await register(api, round.id, '5001', decision('adopted', '2022-09-30', { body: 'bystyre' }));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ROUND.NOT_OPEN');
    const trail = (await events(round.id)).map((event) => event.type);
    expect(trail).toEqual(['round.launched', 'round.extended', 'round.withdrawn']);
  });
});
