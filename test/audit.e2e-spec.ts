import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, decision, launchFeeRound, register } from './support/round-story';
import { adminToken, secretariatToken } from './support/tokens';

// The audit trail is chained by hash: whoever edits or removes an event behind the product's
// back (the append-only trigger must be switched off for that) is caught by GET /api/audit/verify.
describe('GET /api/audit/verify', () => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    admin = `Bearer ${await adminToken()}`;
    const round = await launchFeeRound(api);
    api.clock.set('2022-11-25T12:00:00+01:00');
    for (const member of ['5031', '5029', '5035']) expect((await register(api, round.id, member, decision('adopted', '2022-11-24'))).status).toBe(200);
  });

  afterAll(() => api?.close());

  const verify = () => request(api.http).get('/api/audit/verify').set('Authorization', admin);
  const behindTheBack = async (sql: string, params: unknown[] = []) => {
    await api.dataSource.query('ALTER TABLE event DISABLE TRIGGER tr_event_append_only');
    try {
      await api.dataSource.query(sql, params);
    } finally {
      await api.dataSource.query('ALTER TABLE event ENABLE TRIGGER tr_event_append_only');
    }
  };

  it('finds the chain intact after ordinary use, and is for the admin alone', async () => {
    const response = await verify().expect(200);
    expect(response.body).toMatchObject({ intact: true, firstBrokenLink: null });
    expect(response.body.events).toBeGreaterThanOrEqual(4);
    await request(api.http).get('/api/audit/verify').set('Authorization', `Bearer ${await secretariatToken(COUNCIL)}`).expect(403);
    await request(api.http).get('/api/audit/verify').expect(401);
  });

  it('dates a launch, a registration and their events by the clock, not by the machine, and the chain still holds', async () => {
    const instant = new Date('2022-11-25T12:00:00+01:00').toISOString();
    api.clock.set(instant);
    const round = await launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: '2024-01-01' } });
    expect((await register(api, round.id, '5031', decision('adopted', '2022-11-24'))).status).toBe(200);
    const secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
    const read = async (path: string) => (await request(api.http).get(path).set('Authorization', secretariat).expect(200)).body;

    expect((await read(`/api/rounds/${round.id}`)).launchedAt).toBe(instant);
    const member: { revisions: Array<{ registeredAt: string }> } = await read(`/api/rounds/${round.id}/decisions/5031`);
    expect(member.revisions.map((revision) => revision.registeredAt)).toEqual([instant]);
    const events: Array<{ type: string; at: string }> = await read(`/api/rounds/${round.id}/events`);
    expect(events.map((event) => [event.type, event.at])).toEqual([
      ['round.launched', instant],
      ['decision.registered', instant],
    ]);
    expect((await verify().expect(200)).body).toMatchObject({ intact: true, firstBrokenLink: null });
  });

  it('refuses UPDATE and DELETE on the event log outright', async () => {
    await expect(api.dataSource.query(`UPDATE event SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(api.dataSource.query(`DELETE FROM event`)).rejects.toThrow(/append-only/);
  });

  it('names an event whose content was changed', async () => {
    const [target] = await api.dataSource.query(`SELECT id FROM event WHERE type = 'decision.registered' ORDER BY id LIMIT 1 OFFSET 1`);
    await behindTheBack(`UPDATE event SET data = jsonb_set(data, '{municipalityNumber}', '"5001"') WHERE id = $1`, [target.id]);
    const response = await verify().expect(200);
    expect(response.body).toMatchObject({ intact: false, firstBrokenLink: { eventId: target.id, reason: 'content changed' } });
  });

  it('names the event after one that was removed', async () => {
    const [first] = await api.dataSource.query(`SELECT id FROM event WHERE type = 'decision.registered' ORDER BY id LIMIT 1`);
    const [next] = await api.dataSource.query(`SELECT id FROM event WHERE council_id = (SELECT council_id FROM event WHERE id = $1) AND id > $1 ORDER BY id LIMIT 1`, [first.id]);
    await behindTheBack(`DELETE FROM event WHERE id = $1`, [first.id]);
    const response = await verify().expect(200);
    expect(response.body).toMatchObject({ intact: false, firstBrokenLink: { eventId: next.id, reason: 'previous event missing or changed' } });
  });
});
