import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { COUNCIL, MEMBERS, decision, register } from './support/round-story';
import { secretariatToken } from './support/tokens';

// The eight members of Trondheimsregionen; the cost key fees-2022 weighs them by their 2022 fees
// (5001 Trondheim 3 320 454 of 6 392 069 in all, so two thirds of the weights is 4 261 379.33).
const TWO_THIRDS_BY_COUNT = { kind: 'qualified_majority', by: 'count', atLeast: '2/3' };
const TWO_THIRDS_BY_WEIGHT = { kind: 'qualified_majority', by: 'weight', atLeast: '2/3' };

describe('rounds decided by a qualified majority, end to end', () => {
  let api: TestApi;
  let secretariat: string;
  let year = 2030;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
  });

  afterAll(() => api?.close());

  // A fee round lowering every fee (NOK 6 000 000 over fees adding up to 6 392 069), one effective year each.
  const launch = (body: Record<string, unknown>, total = '6000000.00') =>
    request(api.http)
      .post(`/api/councils/${COUNCIL}/rounds`)
      .set('Authorization', secretariat)
      .send({ subject: { type: 'fees', total, costKey: 'fees-2022', effectiveFrom: `${year++}-01-01` }, deadline: '2022-12-15', ...body });
  const settledEvents = async (roundId: string) =>
    ((await request(api.http).get(`/api/rounds/${roundId}/events`).set('Authorization', secretariat).expect(200)).body as Array<{ type: string; data: Record<string, unknown> }>).filter(
      (event) => event.type === 'round.settled',
    );

  it('approves a fee decrease by two thirds of the members with one rejection, at the sixth adoption, before the last member has decided', async () => {
    api.clock.set('2022-10-01T10:00:00+02:00');
    const launched = await launch({ decisionRule: TWO_THIRDS_BY_COUNT });
    expect(launched.status).toBe(201);
    expect(launched.body.decisionRule).toEqual(TWO_THIRDS_BY_COUNT);
    expect(launched.body.allocation.every((line: { change: string }) => line.change.startsWith('-'))).toBe(true);

    api.clock.set('2022-11-25T12:00:00+01:00');
    const rejected = await register(api, launched.body.id, '5027', decision('rejected', '2022-11-24'));
    expect(rejected.body.round.status).toBe('open');
    const adopting = ['5001', '5035', '5031', '5028', '5029', '5059'];
    for (const member of adopting.slice(0, 5)) {
      const response = await register(api, launched.body.id, member, decision('adopted', '2022-11-24'));
      expect(response.status).toBe(200);
      expect(response.body.round.status).toBe('open');
    }
    const sixth = await register(api, launched.body.id, '5059', decision('adopted', '2022-11-24'));
    expect(sixth.status).toBe(200);
    expect(sixth.body.round).toMatchObject({ status: 'approved', outcome: { status: 'approved', decisiveMunicipalityNumber: '5059' } });

    const round = await request(api.http).get(`/api/rounds/${launched.body.id}`).set('Authorization', secretariat).expect(200);
    expect(round.body).toMatchObject({ status: 'approved', decisionRule: TWO_THIRDS_BY_COUNT, progress: { adopted: 6, rejected: 1, pending: 1 } });
    const settled = await settledEvents(launched.body.id);
    expect(settled).toHaveLength(1);
    expect(settled[0].data).toMatchObject({ after: { status: 'approved' }, decisiveMunicipalityNumber: '5059' });
    const launchedEvent = ((await request(api.http).get(`/api/rounds/${launched.body.id}/events`).set('Authorization', secretariat)).body as Array<{ type: string; data: { after: Record<string, unknown> } }>).find(
      (event) => event.type === 'round.launched',
    );
    expect(launchedEvent?.data.after.decisionRule).toEqual(TWO_THIRDS_BY_COUNT);
  });

  it('approves by two thirds of the cost key weights frozen at launch, with one rejection and four members undecided', async () => {
    api.clock.set('2022-10-01T10:00:00+02:00');
    const launched = await launch({ decisionRule: TWO_THIRDS_BY_WEIGHT });
    expect(launched.status).toBe(201);
    expect(launched.body.decisionRule).toEqual(TWO_THIRDS_BY_WEIGHT);
    // A later change of the key does not move the weights of a launched round.
    await request(api.http)
      .put(`/api/councils/${COUNCIL}/cost-keys/fees-2022`)
      .set('Authorization', secretariat)
      .send({ weights: Object.fromEntries(MEMBERS.map((member) => [member, '1'])) });

    api.clock.set('2022-11-25T12:00:00+01:00');
    const steps: Array<[string, string, string]> = [
      ['5027', 'rejected', 'open'],
      ['5001', 'adopted', 'open'], // 3 320 454
      ['5035', 'adopted', 'open'], // 3 931 027
      ['5059', 'adopted', 'approved'], // 4 440 119 ≥ 4 261 379.33
    ];
    for (const [member, kind, status] of steps) {
      const response = await register(api, launched.body.id, member, decision(kind, '2022-11-24'));
      expect(response.status).toBe(200);
      expect(response.body.round.status).toBe(status);
    }
    const round = await request(api.http).get(`/api/rounds/${launched.body.id}`).set('Authorization', secretariat).expect(200);
    expect(round.body.outcome).toMatchObject({ status: 'approved', decisiveMunicipalityNumber: '5059' });
    expect(round.body.progress).toMatchObject({ adopted: 3, rejected: 1, pending: 4 });
    expect(await settledEvents(launched.body.id)).toHaveLength(1);
  });

  it('refuses a qualified majority for a fee raise and for an agreement version, with the reason', async () => {
    const raise = await launch({ decisionRule: TWO_THIRDS_BY_COUNT }, '10000000.00');
    expect(raise.status).toBe(422);
    expect(raise.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(raise.body).toMatchObject({ code: 'ROUND.UNANIMITY_REQUIRED' });
    expect(raise.body.detail).toMatch(/raises at least one member's fee/);
    expect(JSON.stringify(raise.body)).toContain('decisionRule');

    const version = await request(api.http)
      .post(`/api/councils/${COUNCIL}/agreement-versions`)
      .set('Authorization', secretariat)
      .send({
        title: 'Samarbeidsavtale 2031',
        effectiveFrom: '2031-01-01',
        sections: [{ ref: '§ 1', heading: 'Navn', text: 'Rådets navn er Trondheimsregionen.' }],
        minimumContent: { a: '§ 1', b: '§ 2', c: '§ 5', d: '§ 3', e: '§ 4', f: '§ 9', g: '§ 11', h: '§ 12' },
      })
      .expect(201);
    const agreement = await request(api.http)
      .post(`/api/councils/${COUNCIL}/rounds`)
      .set('Authorization', secretariat)
      .send({ subject: { type: 'agreement', versionId: version.body.id }, deadline: '2023-03-01', decisionRule: TWO_THIRDS_BY_WEIGHT });
    expect(agreement.status).toBe(422);
    expect(agreement.body).toMatchObject({ code: 'ROUND.UNANIMITY_REQUIRED' });
    expect(agreement.body.detail).toMatch(/agreement version/);
    const unanimous = await request(api.http)
      .post(`/api/councils/${COUNCIL}/rounds`)
      .set('Authorization', secretariat)
      .send({ subject: { type: 'agreement', versionId: version.body.id }, deadline: '2023-03-01', decisionRule: { kind: 'unanimity' } });
    expect(unanimous.status).toBe(201);
    expect(unanimous.body.decisionRule).toEqual({ kind: 'unanimity' });
  });

  it('refuses malformed rules as problems naming the field', async () => {
    const malformed: Array<[unknown, number]> = [
      ['unanimity', 400],
      [{ kind: 'plurality' }, 400],
      [{ kind: 'qualified_majority', by: 'population', atLeast: '2/3' }, 400],
      [{ kind: 'qualified_majority', by: 'count' }, 400],
      [{ kind: 'qualified_majority', by: 'count', atLeast: '0.67' }, 400],
      [{ kind: 'qualified_majority', by: 'count', atLeast: '0/3' }, 400],
      [{ kind: 'qualified_majority', by: 'count', atLeast: '4/3' }, 422],
      [{ kind: 'qualified_majority', by: 'count', atLeast: '1/200' }, 422],
      [{ kind: 'unanimity', by: 'count' }, 422],
      [{ kind: 'qualified_majority', by: 'count', atLeast: '2/3', quorum: 5 }, 400],
    ];
    for (const [rule, status] of malformed) {
      const response = await launch({ decisionRule: rule });
      expect({ rule, status: response.status }).toEqual({ rule, status });
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(response.body)).toContain('decisionRule');
    }
  });
});
