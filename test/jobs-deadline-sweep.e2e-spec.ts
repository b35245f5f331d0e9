import { Client } from 'pg';
import request from 'supertest';
import { Notifier, RoundDeadlines, RoundJobsHandler, RoundReminders } from '@app/application';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, MEMBERS, decision, launchFeeRound, register } from './support/round-story';
import { adminToken, secretariatToken } from './support/tokens';

// A Wednesday: the deadline ends at 23:59:59, its jobs are due a second later.
const NOW = '2030-03-06T12:00:00+01:00';
const DEADLINE = '2030-03-06';
const AFTER = '2030-03-07T00:00:01+01:00';
// More than one transaction's worth (DEADLINE_ROUNDS_PER_TRANSACTION), so the two jobs share the rounds.
const ROUNDS = 260;
const EXPIRING = 3;

describe('one deadline for many rounds, its jobs side by side', () => {
  let api: TestApi;
  // Two handlers, each with its own sweeps: two workers' worth.
  let first: RoundJobsHandler;
  let second: RoundJobsHandler;
  const rounds: Array<{ id: string }> = [];
  let extended: { id: string };
  let effectiveYear = 3000;

  const launch = (extra: Record<string, unknown> = {}) =>
    launchFeeRound(api, {
      subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${effectiveYear++}-01-01` },
      deadline: DEADLINE,
      reminderDaysBefore: [],
      ...extra,
    });
  const handler = () => {
    const notifier = api.app.get(Notifier);
    return new RoundJobsHandler(api.dataSource, api.clock, notifier, new RoundDeadlines(api.dataSource, notifier), new RoundReminders(api.dataSource, notifier));
  };
  const count = async (sql: string, params: unknown[] = []) => ((await api.dataSource.query(sql, params))[0] as { n: number }).n;
  /** What the deadline writes, counted: to see that running again writes nothing. */
  const written = async () => ({
    overdue: await count(`SELECT count(*)::int AS n FROM round_member WHERE overdue`),
    events: await count(`SELECT count(*)::int AS n FROM event`),
    notices: await count(`SELECT count(*)::int AS n FROM notification`),
    outbox: await count(`SELECT count(*)::int AS n FROM outbox`),
    expired: await count(`SELECT count(*)::int AS n FROM round WHERE status = 'expired'`),
  });

  beforeAll(async () => {
    // Mail is on (nothing here sends it): each notice gets its mail job in the outbox.
    api = await startTestApi({ seed: true, now: NOW, env: { SMTP_URL: 'smtp://127.0.0.1:2525' } });
    first = handler();
    second = handler();
    for (let start = 0; start < ROUNDS; start += 10) {
      const batch = Array.from({ length: Math.min(10, ROUNDS - start) }, (_, i) => (start + i < EXPIRING ? { expiresAutomatically: true } : {}));
      rounds.push(...(await Promise.all(batch.map((extra) => launch(extra)))));
    }
    // Trondheim and Malvik have decided in the first round; Melhus scheduled its meeting (still undecided).
    expect((await register(api, rounds[0].id, '5001', decision('adopted', '2030-03-04', { body: 'bystyre' }))).status).toBe(200);
    expect((await register(api, rounds[0].id, '5031', decision('adopted', '2030-03-05'))).status).toBe(200);
    expect((await register(api, rounds[0].id, '5028', decision('scheduled', '2030-03-20'))).status).toBe(200);
    extended = await launch();
    await request(api.http)
      .post(`/api/rounds/${extended.id}/extend`)
      .set('Authorization', `Bearer ${await secretariatToken(COUNCIL)}`)
      .send({ deadline: '2030-03-20', reason: 'Kommunestyrene møtes i mars' })
      .expect(200);
  }, 180_000);

  afterAll(async () => {
    await api?.close();
  });

  it('marks each undecided member overdue once, with one event per round, and tells everyone once, however the jobs share the work', async () => {
    api.clock.set(AFTER);
    const [a, b] = await Promise.all([first.deadline({ roundId: rounds[10].id, deadline: DEADLINE }), second.deadline({ roundId: rounds[11].id, deadline: DEADLINE })]);
    expect([a, b]).toContain('done');
    // The other jobs of the minute come after and find their rounds done.
    for (let start = 0; start < ROUNDS; start += 20) {
      const results = await Promise.all(
        rounds.slice(start, start + 20).map((round, i) => (i % 2 ? first : second).deadline({ roundId: round.id, deadline: DEADLINE })),
      );
      expect(results.every((result) => result === 'skipped')).toBe(true);
    }

    const ids = rounds.map((round) => round.id);
    const undecided = await count(`SELECT count(*)::int AS n FROM round_member WHERE round_id = ANY($1::uuid[]) AND status IN ('pending', 'scheduled', 'postponed')`, [ids]);
    expect(undecided).toBe(ROUNDS * 8 - 2);
    expect(await count(`SELECT count(*)::int AS n FROM round_member WHERE round_id = ANY($1::uuid[]) AND overdue`, [ids])).toBe(undecided);
    expect(await count(`SELECT count(*)::int AS n FROM round_member WHERE round_id = ANY($1::uuid[]) AND overdue AND status = 'adopted'`, [ids])).toBe(0);

    // One event per round, naming the members it marked.
    const events: Array<{ round_id: string; data: { deadline: string; overdue: string[] } }> = await api.dataSource.query(
      `SELECT round_id, data FROM event WHERE type = 'round.overdue'`,
    );
    expect(events).toHaveLength(ROUNDS);
    expect(new Set(events.map((event) => event.round_id))).toEqual(new Set(ids));
    expect(events.find((event) => event.round_id === rounds[0].id)!.data).toEqual({
      deadline: DEADLINE,
      overdue: MEMBERS.filter((nr) => !['5001', '5031'].includes(nr)).sort(),
    });

    // Each overdue member's clerk once, and the secretariat and the leader once per round, each with a mail job.
    const clerkNotices = await count(
      `SELECT count(*)::int AS n FROM round_member m JOIN role_grant g ON g.role = 'clerk' AND g.municipality_number = m.municipality_number
        WHERE m.round_id = ANY($1::uuid[]) AND m.overdue`,
      [ids],
    );
    expect(await count(`SELECT count(*)::int AS n FROM notification WHERE kind = 'overdue'`)).toBe(clerkNotices);
    expect(await count(`SELECT count(*)::int AS n FROM notification WHERE kind = 'escalation'`)).toBe(ROUNDS * 2);
    expect(await count(`SELECT count(DISTINCT topic)::int AS n FROM notification WHERE kind = 'escalation'`)).toBe(ROUNDS);
    const escalation = await api.dataSource.query(`SELECT body FROM notification WHERE kind = 'escalation' AND round_id = $1 LIMIT 1`, [rounds[0].id]);
    expect(escalation[0].body).toContain('Melhus (5028)');
    expect(escalation[0].body).not.toContain('Trondheim (5001)');
    expect(
      await count(
        `SELECT count(*)::int AS n FROM notification n WHERE n.kind IN ('overdue', 'escalation')
            AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.job_id = 'mail/' || n.id AND o.job_name = 'notice.send-mail')`,
      ),
    ).toBe(0);

    // The rounds launched with an expiry closed, after their members were marked.
    const expired: Array<{ id: string; status: string; types: string[] }> = await api.dataSource.query(
      `SELECT r.id, r.status, array_agg(e.type ORDER BY e.id) AS types
         FROM round r JOIN event e ON e.round_id = r.id AND e.type IN ('round.overdue', 'round.expired')
        WHERE r.id = ANY($1::uuid[]) GROUP BY r.id, r.status`,
      [ids.slice(0, EXPIRING)],
    );
    expect(expired).toHaveLength(EXPIRING);
    for (const round of expired) expect(round).toMatchObject({ status: 'expired', types: ['round.overdue', 'round.expired'] });
    expect(await count(`SELECT count(*)::int AS n FROM round WHERE status = 'expired'`)).toBe(EXPIRING);

    // The extended round's deadline is ahead: nobody there is late.
    expect(await count(`SELECT count(*)::int AS n FROM round_member WHERE round_id = $1 AND overdue`, [extended.id])).toBe(0);

    const verify = await request(api.http).get('/api/audit/verify').set('Authorization', `Bearer ${await adminToken()}`).expect(200);
    expect(verify.body).toMatchObject({ intact: true, firstBrokenLink: null });
  });

  it('does nothing more when a job runs again, late, or for a deadline that has since moved', async () => {
    const before = await written();
    expect(await first.deadline({ roundId: extended.id, deadline: DEADLINE })).toBe('skipped');
    expect(await second.deadline({ roundId: rounds[0].id, deadline: DEADLINE })).toBe('skipped');
    api.clock.set('2030-03-09T10:00:00+01:00');
    expect(await first.deadline({ roundId: rounds[5].id, deadline: DEADLINE })).toBe('skipped');
    expect(await written()).toEqual(before);
    expect(await count(`SELECT count(*)::int AS n FROM round_member WHERE round_id = $1 AND overdue`, [extended.id])).toBe(0);
  });

  it('passes by a round a registration holds, and the round’s own job does it once the registration is done', async () => {
    api.clock.set(NOW);
    const held = await launch();
    api.clock.set(AFTER);
    const client = new Client({ connectionString: api.database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT 1 FROM round WHERE id = $1 FOR UPDATE`, [held.id]);
      // Another round's job, in a process that has not swept this deadline yet, sweeps and leaves the held one alone.
      expect(await handler().deadline({ roundId: rounds[20].id, deadline: DEADLINE })).toBe('skipped');
      expect(await count(`SELECT count(*)::int AS n FROM round_member WHERE round_id = $1 AND overdue`, [held.id])).toBe(0);
      // Its own job waits for the registration, then marks it.
      const own = second.deadline({ roundId: held.id, deadline: DEADLINE });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query('COMMIT');
      expect(await own).toBe('done');
    } finally {
      await client.end();
    }
    expect(await count(`SELECT count(*)::int AS n FROM round_member WHERE round_id = $1 AND overdue`, [held.id])).toBe(8);
    expect(await count(`SELECT count(*)::int AS n FROM event WHERE round_id = $1 AND type = 'round.overdue'`, [held.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM notification WHERE round_id = $1 AND kind = 'escalation'`, [held.id])).toBe(2);
  });
});
