import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { decision, register } from './support/round-story';
import { MEMBERS_2019, ONE_SECTION_MINIMUM_CONTENT, SLUG_2019 } from './support/trondheimsregionen-2019';
import { adminToken, clerkToken, secretariatToken } from './support/tokens';

// Trondheimsregionen as it was in 2019: Klæbu (5030) merged into Trondheim (5001) on 1 January 2020,
// Orkdal (5024) and Agdenes (5016) into Orkland (5059), a new kommunenummer, the same day.
const SLUG = SLUG_2019;
const MINIMUM_CONTENT = ONE_SECTION_MINIMUM_CONTENT;

describe('memberships over time: mergers, withdrawal and amended electorates, end to end', () => {
  let api: TestApi;
  let admin: string;
  let secretariat: string;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2019-09-02T10:00:00+02:00' });
    admin = `Bearer ${await adminToken()}`;
    secretariat = `Bearer ${await secretariatToken(SLUG)}`;
    await request(api.http).post('/api/councils').set('Authorization', admin).send({ slug: SLUG, name: 'Trondheimsregionen 2019' }).expect(201);
    for (const [number, name, representatives] of MEMBERS_2019) {
      await request(api.http).put(`/api/councils/${SLUG}/members/${number}`).set('Authorization', secretariat).send({ name, joinedOn: '2010-01-01', representatives }).expect((r) => {
        if (![200, 201].includes(r.status)) throw new Error(`${number}: ${r.status} ${JSON.stringify(r.body)}`);
      });
    }
  });

  afterAll(() => api?.close());

  const at = (instant: string) => api.clock.set(instant);
  const get = (path: string) => request(api.http).get(path).set('Authorization', secretariat);
  const post = (path: string, body: Record<string, unknown>) => request(api.http).post(path).set('Authorization', secretariat).send(body);
  const events = async (roundId: string) =>
    (await get(`/api/rounds/${roundId}/events?limit=200`).expect(200)).body as Array<{ type: string; data: Record<string, unknown> }>;
  const agreementRound = async (title: string, deadline: string) => {
    const version = await post(`/api/councils/${SLUG}/agreement-versions`, {
      title,
      effectiveFrom: '2020-06-01',
      sections: [{ ref: '§ 1', heading: 'Formål', text: `${title}: rådet samarbeider om regional utvikling.` }],
      minimumContent: MINIMUM_CONTENT,
    }).expect(201);
    return (await post(`/api/councils/${SLUG}/rounds`, { subject: { type: 'agreement', versionId: version.body.id }, deadline }).expect(201)).body;
  };

  it('Klæbu into Trondheim: an open agreement round is amended when the merger takes effect and settles on seven members', async () => {
    at('2019-11-01T10:00:00+01:00');
    const round = await agreementRound('Samarbeidsavtale 2020', '2020-03-01');
    expect(round.members.map((m: { municipalityNumber: string }) => m.municipalityNumber)).toContain('5030');
    expect(round.progress.total).toBe(8);

    // Trondheim adopts in December; Klæbu has not decided when it ceases.
    at('2019-12-13T12:00:00+01:00');
    expect((await register(api, round.id, '5001', decision('adopted', '2019-12-12'))).status).toBe(200);
    const merger = await post(`/api/councils/${SLUG}/mergers`, {
      predecessors: ['5001', '5030'],
      successor: { municipalityNumber: '5001', name: 'Trondheim' },
      effectiveFrom: '2020-01-01',
      reason: 'Klæbu og Trondheim slås sammen fra 1. januar 2020',
    });
    expect(merger.status).toBe(201);
    expect(merger.body.predecessors).toEqual([expect.objectContaining({ municipalityNumber: '5030', name: 'Klæbu', leftOn: '2019-12-31', ending: 'merger', succeededBy: '5001' })]);
    expect(merger.body.successor).toMatchObject({ municipalityNumber: '5001', leftOn: null });

    // Before the merger takes effect Klæbu is still a member: nothing to amend.
    const early = await post(`/api/rounds/${round.id}/amend-electorate`, { reason: 'Sammenslåing' });
    expect(early.status).toBe(409);
    expect(early.headers['content-type']).toMatch(/problem\+json/);
    expect(early.body.code).toBe('ROUND.ELECTORATE_UP_TO_DATE');

    at('2020-01-02T09:00:00+01:00');
    const clerk = `Bearer ${await clerkToken('5035')}`;
    const refused = await request(api.http).post(`/api/rounds/${round.id}/amend-electorate`).set('Authorization', clerk).send({ reason: 'x' });
    expect(refused.status).toBe(403);
    expect((await post(`/api/rounds/${round.id}/amend-electorate`, {})).status).toBe(400);

    const amended = await post(`/api/rounds/${round.id}/amend-electorate`, { reason: 'Klæbu er en del av Trondheim fra 1. januar 2020' });
    expect(amended.status).toBe(200);
    expect(amended.body.status).toBe('open');
    expect(amended.body.progress.total).toBe(7);
    expect(amended.body.members.map((m: { municipalityNumber: string }) => m.municipalityNumber)).not.toContain('5030');
    // Trondheim takes Klæbu's place and decides anew: Klæbu had not adopted.
    expect(amended.body.members.find((m: { municipalityNumber: string }) => m.municipalityNumber === '5001')).toMatchObject({ status: 'pending' });
    expect(amended.body.electorateChanges).toEqual([
      expect.objectContaining({ change: 'removed', municipalityNumber: '5030', name: 'Klæbu', status: 'pending', successor: '5001' }),
      expect.objectContaining({ change: 'decides_anew', municipalityNumber: '5001', status: 'adopted' }),
    ]);
    // Klæbu's clerk has no say any more; its old revisions stay in the record.
    expect((await register(api, round.id, '5030', decision('adopted', '2019-12-30'))).status).toBe(404);

    at('2020-02-10T12:00:00+01:00');
    const seven = ['5001', '5024', '5027', '5028', '5029', '5031', '5035'];
    for (const [i, member] of seven.entries()) {
      const response = await register(api, round.id, member, decision('adopted', '2020-02-06'));
      expect(response.status).toBe(200);
      expect(response.body.round.status).toBe(i === seven.length - 1 ? 'approved' : 'open');
    }
    const settled = await get(`/api/rounds/${round.id}`).expect(200);
    expect(settled.body).toMatchObject({ status: 'approved', progress: { total: 7, adopted: 7 } });
    const trail = await events(round.id);
    expect(trail.filter((e) => e.type === 'round.settled')).toHaveLength(1);
    expect(trail.find((e) => e.type === 'round.electorate_amended')?.data).toMatchObject({
      reason: 'Klæbu er en del av Trondheim fra 1. januar 2020',
      before: { electorate: expect.arrayContaining(['5030']) },
      after: { electorate: seven },
    });
    // A second amendment finds nothing to do on a settled round.
    expect((await post(`/api/rounds/${round.id}/amend-electorate`, { reason: 'igjen' })).status).toBe(409);
  });

  it('Orkland: a fee round launched after the merger allocates to Orkland once the key is updated; history keeps Orkdal and Agdenes', async () => {
    at('2019-11-01T10:00:00+01:00');
    // A second council where Agdenes (5016) is a member beside Orkdal.
    const slug = 'orkdalsregionen';
    const secretariatOf = `Bearer ${await secretariatToken(slug)}`;
    await request(api.http).post('/api/councils').set('Authorization', admin).send({ slug, name: 'Orkdalsregionen' }).expect(201);
    for (const [number, name] of [['5024', 'Orkdal'], ['5016', 'Agdenes'], ['5029', 'Skaun']]) {
      await request(api.http).put(`/api/councils/${slug}/members/${number}`).set('Authorization', secretariatOf).send({ name, joinedOn: '2010-01-01', representatives: 1 }).expect((r) => {
        if (![200, 201].includes(r.status)) throw new Error(`${number}: ${r.status} ${JSON.stringify(r.body)}`);
      });
    }
    await request(api.http).put(`/api/councils/${slug}/cost-keys/lik`).set('Authorization', secretariatOf).send({ weights: { '5024': '1', '5016': '1', '5029': '1' } }).expect(200);
    await request(api.http)
      .put(`/api/councils/${slug}/fees/2019-01-01`)
      .set('Authorization', secretariatOf)
      .send({ fees: [{ municipalityNumber: '5024', amount: '100000.00' }, { municipalityNumber: '5016', amount: '50000.00' }, { municipalityNumber: '5029', amount: '80000.00' }], reason: 'Medlemsavgift 2019' })
      .expect((r) => {
        if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
      });
    const version = await request(api.http)
      .post(`/api/councils/${slug}/agreement-versions`)
      .set('Authorization', secretariatOf)
      .send({ title: 'Avtale 2020', effectiveFrom: '2020-06-01', sections: [{ ref: '§ 1', heading: 'Formål', text: 'Samarbeid.' }], minimumContent: MINIMUM_CONTENT })
      .expect(201);
    const round = (
      await request(api.http).post(`/api/councils/${slug}/rounds`).set('Authorization', secretariatOf).send({ subject: { type: 'agreement', versionId: version.body.id }, deadline: '2020-03-01' }).expect(201)
    ).body;
    at('2019-12-13T12:00:00+01:00');
    for (const member of ['5024', '5016', '5029']) expect((await register(api, round.id, member, decision('adopted', '2019-12-12'))).status).toBe(200);
    // All three adopted before the merger: the round is approved already and keeps its outcome.
    const approved = await request(api.http).get(`/api/rounds/${round.id}`).set('Authorization', secretariatOf).expect(200);
    expect(approved.body.status).toBe('approved');

    // The fee round that follows the merger allocates to Orkland.
    const merged = await request(api.http)
      .post(`/api/councils/${slug}/mergers`)
      .set('Authorization', secretariatOf)
      .send({ predecessors: ['5024', '5016'], successor: { municipalityNumber: '5059', name: 'Orkland' }, effectiveFrom: '2020-01-01', reason: 'Orkland kommune fra 1. januar 2020' });
    expect(merged.status).toBe(201);
    expect(merged.body.successor).toMatchObject({ municipalityNumber: '5059', name: 'Orkland', joinedOn: '2020-01-01', representatives: 2 });

    at('2020-01-06T10:00:00+01:00');
    const council = await request(api.http).get(`/api/councils/${slug}`).set('Authorization', secretariatOf).expect(200);
    expect(council.body.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ municipalityNumber: '5024', name: 'Orkdal', leftOn: '2019-12-31', ending: 'merger', succeededBy: '5059' }),
        expect.objectContaining({ municipalityNumber: '5016', name: 'Agdenes', leftOn: '2019-12-31', ending: 'merger', succeededBy: '5059' }),
        expect.objectContaining({ municipalityNumber: '5059', name: 'Orkland', leftOn: null }),
      ]),
    );
    // The key still names Orkdal and Agdenes: the next fee round says so until it is updated.
    const feeRound = { subject: { type: 'fees', total: '300000.00', costKey: 'lik', effectiveFrom: '2021-01-01' }, deadline: '2020-05-01' };
    const stale = await request(api.http).post(`/api/councils/${slug}/rounds`).set('Authorization', secretariatOf).send(feeRound);
    expect(stale.status).toBe(422);
    expect(stale.body.code).toBe('COST_KEY.OUT_OF_DATE');
    const preview = await request(api.http).post(`/api/councils/${slug}/allocations`).set('Authorization', secretariatOf).send({ total: '300000.00', costKey: 'lik' });
    expect(preview.status).toBe(422);
    expect(preview.body.code).toBe('COST_KEY.OUT_OF_DATE');
    await request(api.http).put(`/api/councils/${slug}/cost-keys/lik`).set('Authorization', secretariatOf).send({ weights: { '5059': '2', '5029': '1' } }).expect(200);
    const launched = await request(api.http).post(`/api/councils/${slug}/rounds`).set('Authorization', secretariatOf).send(feeRound);
    expect(launched.status).toBe(201);
    expect(launched.body.members.map((m: { municipalityNumber: string }) => m.municipalityNumber)).toEqual(['5029', '5059']);
    // Orkland's fee in force is what Orkdal and Agdenes paid together.
    expect(launched.body.allocation).toEqual([
      expect.objectContaining({ municipalityNumber: '5029', currentFee: '80000.00', newFee: '100000.00', change: '20000.00' }),
      expect.objectContaining({ municipalityNumber: '5059', currentFee: '150000.00', newFee: '200000.00', change: '50000.00' }),
    ]);
    // History reads as it was: the approved round still names Orkdal and Agdenes.
    const history = await request(api.http).get(`/api/rounds/${round.id}`).set('Authorization', secretariatOf).expect(200);
    expect(history.body.members.map((m: { name: string }) => m.name).sort()).toEqual(['Agdenes', 'Orkdal', 'Skaun']);
  });

  it('withdrawal: a notice takes effect on 31 December; rounds launched before then include the member, later ones do not', async () => {
    at('2020-03-02T10:00:00+01:00');
    const notice = await post(`/api/councils/${SLUG}/members/5029/withdrawal`, { noticeGivenOn: '2020-03-02', reason: 'KS-sak 12/20' });
    expect(notice.status).toBe(200);
    // Twelve months from 2 March 2020 run to 1 March 2021: the withdrawal takes effect at the end of 2021.
    expect(notice.body).toMatchObject({ municipalityNumber: '5029', noticeGivenOn: '2020-03-02', leftOn: '2021-12-31', ending: 'withdrawal' });
    expect((await post(`/api/councils/${SLUG}/members/5029/withdrawal`, { noticeGivenOn: '2020-03-09' })).status).toBe(422);

    at('2021-12-30T10:00:00+01:00');
    const before = await agreementRound('Samarbeidsavtale 2022', '2022-03-01');
    expect(before.members.map((m: { municipalityNumber: string }) => m.municipalityNumber)).toContain('5029');
    expect(before.progress.total).toBe(7);

    at('2022-01-03T10:00:00+01:00');
    // Frosta joins from 1 February: not in the electorate of a round launched before that.
    await request(api.http).put(`/api/councils/${SLUG}/members/5036`).set('Authorization', secretariat).send({ name: 'Frosta', joinedOn: '2022-02-01', representatives: 1 }).expect(201);
    const after = await agreementRound('Samarbeidsavtale 2022 b', '2022-03-15');
    expect(after.members.map((m: { municipalityNumber: string }) => m.municipalityNumber)).not.toContain('5029');
    expect(after.members.map((m: { municipalityNumber: string }) => m.municipalityNumber)).not.toContain('5036');
    expect(after.progress.total).toBe(6);
    // Every other member of the round launched before the withdrawal has adopted; it waits only for Skaun.
    for (const member of before.members.map((m: { municipalityNumber: string }) => m.municipalityNumber).filter((n: string) => n !== '5029')) {
      expect((await register(api, before.id, member, decision('adopted', '2021-12-16'))).body.round.status).toBe('open');
    }
    // Amended (Skaun left, nobody takes its place), it settles at once on six members, with an event that says why.
    const amended = await post(`/api/rounds/${before.id}/amend-electorate`, { reason: 'Skaun trådte ut 31. desember 2021' });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ status: 'approved', progress: { total: 6, adopted: 6 } });
    expect(amended.body.electorateChanges).toEqual([expect.objectContaining({ change: 'removed', municipalityNumber: '5029', successor: null })]);
    const settled = (await events(before.id)).filter((e) => e.type === 'round.settled');
    expect(settled).toHaveLength(1);
    expect(settled[0].data).toMatchObject({ cause: 'electorate_amended', reason: 'Skaun trådte ut 31. desember 2021', after: { status: 'approved' } });
    // Skaun's clerk no longer sees the council.
    const skaun = `Bearer ${await clerkToken('5029')}`;
    expect((await request(api.http).get(`/api/councils/${SLUG}`).set('Authorization', skaun)).status).toBe(404);
  });

  it('refuses bad membership changes with problems naming the field', async () => {
    const cases: Array<[string, Record<string, unknown>, number]> = [
      [`/api/councils/${SLUG}/mergers`, { predecessors: ['5035'], successor: { municipalityNumber: '5035', name: 'Stjørdal' }, effectiveFrom: '2023-01-01', reason: 'x' }, 422],
      [`/api/councils/${SLUG}/mergers`, { predecessors: ['5035', '5031'], successor: { municipalityNumber: '50', name: 'X' }, effectiveFrom: '2023-01-01', reason: 'x' }, 400],
      [`/api/councils/${SLUG}/mergers`, { predecessors: ['5035', '9999'], successor: { municipalityNumber: '5035', name: 'Stjørdal' }, effectiveFrom: '2023-01-01', reason: 'x' }, 409],
      [`/api/councils/${SLUG}/mergers`, { predecessors: ['5035', '5031'], effectiveFrom: '2023-01-01', reason: 'x' }, 400],
      [`/api/councils/${SLUG}/members/5035/leave`, { leftOn: '2023-02-30', reason: 'x' }, 400],
      [`/api/councils/${SLUG}/members/5035/leave`, { leftOn: '2009-12-31', reason: 'x' }, 404],
      [`/api/councils/${SLUG}/members/5035/leave`, { leftOn: '2023-01-01' }, 400],
      [`/api/councils/${SLUG}/members/9999/withdrawal`, { noticeGivenOn: '2021-01-01' }, 404],
    ];
    for (const [path, body, status] of cases) {
      const response = await post(path, body);
      expect({ path, body, status: response.status }).toEqual({ path, body, status });
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    const rule = await request(api.http).put(`/api/councils/${SLUG}/withdrawal-rule`).set('Authorization', secretariat).send({ noticeMonths: 6, atYearEnd: false });
    expect(rule.status).toBe(200);
    expect((await get(`/api/councils/${SLUG}`).expect(200)).body.withdrawalRule).toEqual({ noticeMonths: 6, atYearEnd: false });
    expect((await request(api.http).put(`/api/councils/${SLUG}/withdrawal-rule`).set('Authorization', secretariat).send({ noticeMonths: 99, atYearEnd: true })).status).toBe(400);
  });
});
