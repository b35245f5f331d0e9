import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SettableClock } from '@app/application';
import { createApi } from '../apps/api/src/bootstrap';
import { TestApi, startTestApi } from './support/api';
import { testConfig } from './support/config';
import { MEMBERS, decision, launchFeeRound, register } from './support/round-story';
import { clerkToken } from './support/tokens';

// 50 clients register the last two decisions of a round at the same moment, through two api
// instances on one database; whatever the interleaving, the round is settled exactly once.
describe('settling a round exactly once under concurrent registrations', () => {
  const ROUNDS = 12;
  const CLIENTS = 50;
  let api: TestApi;
  let second: INestApplication;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    second = await createApi(testConfig({ DATABASE_URL: api.database.url }), { clock: new SettableClock(new Date('2022-11-25T12:00:00+01:00')) });
    await second.init();
  });

  afterAll(async () => {
    await second?.close();
    await api?.close();
  });

  it(`leaves one outcome and one round.settled event, ${ROUNDS} times over`, async () => {
    const [lastA, lastB] = ['5054', '5059'];
    const tokens = { [lastA]: await clerkToken(lastA), [lastB]: await clerkToken(lastB) };
    for (let i = 0; i < ROUNDS; i++) {
      api.clock.set('2022-10-01T10:00:00+02:00');
      const round = await launchFeeRound(api, {
        subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${2030 + i}-01-01` },
      });
      api.clock.set('2022-11-25T12:00:00+01:00');
      for (const member of MEMBERS.filter((number) => number !== lastA && number !== lastB)) {
        expect((await register(api, round.id, member, decision('adopted', '2022-11-24', member === '5001' ? { body: 'bystyre' } : {}))).status).toBe(200);
      }

      const responses = await Promise.all(
        Array.from({ length: CLIENTS }, (_, client) => {
          const member = client % 2 === 0 ? lastA : lastB;
          const server = client % 4 < 2 ? api.http : second.getHttpServer();
          return request(server)
            .put(`/api/rounds/${round.id}/decisions/${member}`)
            .set('Authorization', `Bearer ${tokens[member]}`)
            .send(decision('adopted', '2022-11-24'));
        }),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(CLIENTS).fill(200));
      expect(new Set(responses.map((response) => response.body.round.status))).toContain('approved');

      const [counts] = await api.dataSource.query(
        `SELECT (SELECT count(*)::int FROM round_outcome WHERE round_id = $1) AS outcomes,
                (SELECT count(*)::int FROM event WHERE round_id = $1 AND type = 'round.settled') AS settled,
                (SELECT count(*)::int FROM member_decision_revision WHERE round_id = $1) AS revisions,
                (SELECT count(*)::int FROM fee_schedule WHERE round_id = $1) AS schedules`,
        [round.id],
      );
      expect(counts).toEqual({ outcomes: 1, settled: 1, revisions: MEMBERS.length, schedules: 1 });
    }
  });
});
