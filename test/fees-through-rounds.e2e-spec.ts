import request from 'supertest';
import { Money } from '@app/domain';
import { TRONDHEIMSREGIONEN } from '@app/domain/testing/trondheimsregionen.fixture';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, MEMBERS, decision, launchFeeRound, register } from './support/round-story';
import { COUNCIL_TABLES, ROUND_TABLES, tableDigests } from './support/table-digest';
import { adminToken, secretariatToken } from './support/tokens';

// The medlemsavgift changes only when every member's kommunestyre has adopted it. Recording a
// schedule adopted before onboarding (PUT …/fees/{date}) must not be a way around that: once the
// council has launched a fee round, only history already in force may be recorded, and never on a
// date an open round proposes. And whatever holds a round's date, its last adoption settles it.
// "Today" is 2022-10-01 in Oslo until the clerks meet.

const LAUNCH_DAY = '2022-10-01T10:00:00+02:00';
const AFTER_THE_MEETINGS = '2022-11-25T12:00:00+01:00';
const TABLES = [...new Set([...COUNCIL_TABLES, ...ROUND_TABLES, 'fee_schedule_line'])];

type Round = Awaited<ReturnType<typeof launchFeeRound>> & { title: string };

describe('fees change only through a round', () => {
  let api: TestApi;
  let secretariat: string;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: LAUNCH_DAY });
    secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
  });

  afterAll(() => api?.close());

  const schedule = (reason: string, amounts: Record<string, string> = TRONDHEIMSREGIONEN.fees2022) => ({
    fees: Object.entries(amounts).map(([municipalityNumber, amount]) => ({ municipalityNumber, amount })),
    reason,
  });
  const record = (effectiveFrom: string, body = schedule(`Medlemsavgift fra ${effectiveFrom}`)) =>
    request(api.http).put(`/api/councils/${COUNCIL}/fees/${effectiveFrom}`).set('Authorization', secretariat).send(body);
  const inForce = async (on: string) => (await request(api.http).get(`/api/councils/${COUNCIL}/fees?on=${on}`).set('Authorization', secretariat).expect(200)).body;
  const launch = async (effectiveFrom: string) => {
    api.clock.set(LAUNCH_DAY);
    return (await launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom } })) as Round;
  };
  const launchAt = (effectiveFrom: string) =>
    request(api.http)
      .post(`/api/councils/${COUNCIL}/rounds`)
      .set('Authorization', secretariat)
      .send({ subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom }, deadline: '2022-12-15' });

  /** Every clerk adopts; each answer is 200, and the last one settles the round as approved. */
  async function everyClerkAdopts(round: Round): Promise<void> {
    api.clock.set(AFTER_THE_MEETINGS);
    const answers = [];
    for (const member of MEMBERS) answers.push(await register(api, round.id, member, decision('adopted', '2022-11-24')));
    expect(answers.map((answer) => answer.status)).toEqual(MEMBERS.map(() => 200));
    expect(answers[answers.length - 1].body.round).toMatchObject({ status: 'approved', outcome: { status: 'approved' } });
    api.clock.set(LAUNCH_DAY);
  }

  /** The schedule in force is the round's allocation, to the øre. */
  function expectTheRoundsFees(found: { source: string; roundId: string; fees: Array<{ municipalityNumber: string; amount: string }> }, round: Round) {
    expect(found).toMatchObject({ source: 'round', roundId: round.id });
    const amounts = Object.fromEntries(found.fees.map((fee) => [fee.municipalityNumber, fee.amount]));
    expect(amounts).toEqual(Object.fromEntries(round.allocation.map((line) => [line.municipalityNumber, line.newFee])));
  }

  async function expectNothingWritten(requests: () => Promise<void>): Promise<void> {
    const before = await tableDigests(api.dataSource, TABLES);
    await requests();
    expect(await tableDigests(api.dataSource, TABLES)).toEqual(before);
  }

  it('records schedules adopted before onboarding while the council has launched no fee round: past dates, and one already adopted for later', async () => {
    const past = await record('2021-01-01').expect(201);
    expect(past.body).toMatchObject({ effectiveFrom: '2021-01-01', source: 'onboarding' });
    expect((await inForce('2021-06-01')).effectiveFrom).toBe('2021-01-01');
    // Before the first fee round the council's own earlier decisions are the only ones there are.
    await record('2030-01-01').expect(201);
    expect((await inForce('2030-06-01')).effectiveFrom).toBe('2030-01-01');
  });

  it('refuses the date an open fee round proposes, naming the round; writes nothing; and the round then settles on the last adoption', async () => {
    const round = await launch('2031-01-01');
    await expectNothingWritten(async () => {
      const refused = await record('2031-01-01');
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        code: 'FEES.DATE_PROPOSED_BY_ROUND',
        details: { roundId: round.id, title: round.title, field: 'effectiveFrom' },
        errors: [{ field: 'effectiveFrom' }],
      });
      expect(refused.body.detail).toContain(round.title);
      expect(refused.body.detail).toContain(round.id);
    });

    await everyClerkAdopts(round);
    expectTheRoundsFees(await inForce('2031-01-01'), round);
    expect((await inForce('2030-12-31')).effectiveFrom).toBe('2030-01-01');
  });

  it('refuses, once a fee round has been launched, a schedule from today or any later day, naming the council’s first fee round', async () => {
    const [first] = await api.dataSource.query(`SELECT id, title FROM round WHERE subject_type = 'fees' ORDER BY launched_at, id LIMIT 1`);
    await expectNothingWritten(async () => {
      for (const date of ['2022-10-01', '2022-10-02', '2029-01-01']) {
        const refused = await record(date);
        expect({ date, status: refused.status }).toEqual({ date, status: 409 });
        expect(refused.body).toMatchObject({ code: 'FEES.CHANGE_NEEDS_ROUND', details: { roundId: first.id, title: first.title, today: '2022-10-01' } });
        expect(refused.body.detail).toContain(first.title);
      }
    });
    // What was in force before today is history, and may still be recorded.
    await record('2022-09-30').expect(201);
    expect((await inForce('2022-09-30')).effectiveFrom).toBe('2022-09-30');
  });

  it('refuses a schedule from the day a round’s schedule came into force or later, naming that round', async () => {
    const [approved] = await api.dataSource.query(`SELECT r.id, r.title FROM round r JOIN fee_schedule s ON s.round_id = r.id WHERE s.effective_from = '2031-01-01'`);
    api.clock.set('2031-03-01T12:00:00+01:00');
    try {
      await expectNothingWritten(async () => {
        const refused = await record('2031-02-01');
        expect(refused.status).toBe(409);
        expect(refused.body).toMatchObject({ code: 'FEES.AFTER_ROUND', details: { roundId: approved.id, title: approved.title } });
        const replaced = await record('2031-01-01', schedule('Annen avgift', { ...TRONDHEIMSREGIONEN.fees2022, '5001': '1.00' }));
        expect(replaced.status).toBe(409);
        expect(replaced.body).toMatchObject({ code: 'FEES.SCHEDULE_EXISTS', details: { source: 'round', roundId: approved.id, title: approved.title } });
      });
    } finally {
      api.clock.set(LAUNCH_DAY);
    }
  });

  it('refuses to launch a fee round on a date a schedule or another open round holds, saying which', async () => {
    const open = await launch('2034-01-01');
    const [approved] = await api.dataSource.query(`SELECT round_id AS id FROM fee_schedule WHERE effective_from = '2031-01-01'`);
    await expectNothingWritten(async () => {
      const onboarding = await launchAt('2030-01-01');
      expect(onboarding.status).toBe(409);
      expect(onboarding.body).toMatchObject({ code: 'FEES.EFFECTIVE_DATE_TAKEN', details: { source: 'onboarding', field: 'subject.effectiveFrom' } });
      const fromRound = await launchAt('2031-01-01');
      expect(fromRound.status).toBe(409);
      expect(fromRound.body).toMatchObject({ code: 'FEES.EFFECTIVE_DATE_TAKEN', details: { source: 'round', roundId: approved.id } });
      const twice = await launchAt('2034-01-01');
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ code: 'FEES.EFFECTIVE_DATE_TAKEN', details: { roundId: open.id, title: open.title } });
    });
  });

  it('settles a round whose date a schedule took behind its back: the unanimous decision takes the date, and its event keeps what it replaced', async () => {
    const round = await launch('2035-01-01');
    // Written behind the product's checks while the round was open.
    const [{ id: councilId }] = await api.dataSource.query(`SELECT id FROM council WHERE slug = $1`, [COUNCIL]);
    const [{ id: scheduleId }] = await api.dataSource.query(
      `INSERT INTO fee_schedule (council_id, effective_from, in_force_from, source, reason) VALUES ($1, '2035-01-01', '2035-01-01', 'onboarding', 'Uten runde') RETURNING id`,
      [councilId],
    );
    for (const member of MEMBERS) {
      await api.dataSource.query(`INSERT INTO fee_schedule_line (fee_schedule_id, municipality_number, amount_ore) VALUES ($1, $2, 100)`, [scheduleId, member]);
    }

    await everyClerkAdopts(round);
    expectTheRoundsFees(await inForce('2035-01-01'), round);
    const [inForceEvent] = await api.dataSource.query(`SELECT data FROM event WHERE type = 'fee_schedule.in_force' AND round_id = $1`, [round.id]);
    expect(inForceEvent.data).toMatchObject({
      feeScheduleId: scheduleId,
      superseded: { source: 'onboarding', reason: 'Uten runde', fees: [...MEMBERS].sort().map((municipalityNumber) => ({ municipalityNumber, amount: Money.fromOre(100n).toNok() })) },
    });
    const [{ count }] = await api.dataSource.query(`SELECT count(*)::int AS count FROM fee_schedule WHERE effective_from = '2035-01-01'`);
    expect(count).toBe(1);
    const verify = await request(api.http).get('/api/audit/verify').set('Authorization', `Bearer ${await adminToken()}`).expect(200);
    expect(verify.body.intact).toBe(true);
  });
});
