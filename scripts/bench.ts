// Prints medians for the hot paths: the allocation rule, launching a round and registering a
// decision over HTTP against real PostgreSQL, and the memory the api holds after the run.
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { SettableClock } from '@app/application';
import { AppConfig, validateEnvironment } from '@app/config';
import { seedDemo } from '@app/demo';
import { Money, allocate } from '@app/domain';
import { TRONDHEIMSREGIONEN } from '@app/domain/testing/trondheimsregionen.fixture';
import { signLocalToken } from '@app/identity';
import { DataSource } from 'typeorm';
import { createApi } from '../apps/api/src/bootstrap';
import { benchViews } from './bench-views';
import { UNLIMITED } from '../test/support/config';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)];
const ms = (ns: bigint) => Number(ns) / 1e6;

function benchAllocation(): void {
  const members = TRONDHEIMSREGIONEN.members.map((m) => m.municipalityNumber);
  const weights = TRONDHEIMSREGIONEN.fees2022 as Record<string, string>;
  const total = Money.fromNok('10000000.00');
  const rounds: number[] = [];
  for (let r = 0; r < 7; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 2_000; i++) allocate({ total, weights, members, roundTo: 'ore' });
    rounds.push(ms(process.hrtime.bigint() - start) / 2_000);
  }
  console.log(`allocate (8 members, øre)             median ${(median(rounds) * 1000).toFixed(1)} µs per allocation (7 runs of 2 000)`);
}

async function benchHttp(): Promise<void> {
  const config = new AppConfig(validateEnvironment({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...UNLIMITED }));
  const clock = new SettableClock(new Date('2030-01-02T10:00:00+01:00'));
  const app: INestApplication = await createApi(config, { clock });
  await app.init();
  await seedDemo(app.get(DataSource), { withRounds: false });
  const http = app.getHttpServer();
  const secretariat = `Bearer ${await signLocalToken(config.jwtSecret, { sub: 'bench', name: 'Bench', roles: [{ role: 'secretariat', council: 'trondheimsregionen' }] })}`;
  const clerks = new Map<string, string>();
  for (const m of TRONDHEIMSREGIONEN.members) {
    clerks.set(m.municipalityNumber, `Bearer ${await signLocalToken(config.jwtSecret, { sub: `bench.${m.municipalityNumber}`, name: 'Clerk', roles: [{ role: 'clerk', municipality: m.municipalityNumber }] })}`);
  }
  const launches: number[] = [];
  const registrations: number[] = [];
  const settling: number[] = [];
  for (let i = 0; i < 60; i++) {
    let start = process.hrtime.bigint();
    const launched = await request(http)
      .post('/api/councils/trondheimsregionen/rounds')
      .set('Authorization', secretariat)
      .send({ subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${2100 + i}-01-01` }, deadline: '2030-01-31' });
    launches.push(ms(process.hrtime.bigint() - start));
    if (launched.status !== 201) throw new Error(`launch failed: ${launched.status} ${JSON.stringify(launched.body)}`);
    const members = TRONDHEIMSREGIONEN.members.map((m) => m.municipalityNumber);
    for (const [index, nr] of members.entries()) {
      start = process.hrtime.bigint();
      const response = await request(http)
        .put(`/api/rounds/${launched.body.id}/decisions/${nr}`)
        .set('Authorization', clerks.get(nr)!)
        .send({ decision: 'adopted', meetingDate: '2030-01-01', body: nr === '5001' ? 'bystyre' : 'kommunestyre', caseNumber: '2030/1', protocolRef: 'p' });
      const took = ms(process.hrtime.bigint() - start);
      if (response.status !== 200) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
      (index === members.length - 1 ? settling : registrations).push(took);
    }
  }
  console.log(`POST launch round (fees, 8 members)  median ${median(launches).toFixed(1)} ms, p95 ${p95(launches).toFixed(1)} ms (${launches.length} rounds)`);
  console.log(`PUT decision                          median ${median(registrations).toFixed(1)} ms, p95 ${p95(registrations).toFixed(1)} ms (${registrations.length})`);
  console.log(`PUT last decision (settles, in force) median ${median(settling).toFixed(1)} ms, p95 ${p95(settling).toFixed(1)} ms (${settling.length})`);
  console.log(`  ratio settling / ordinary decision  ${(median(settling) / median(registrations)).toFixed(2)}`);
  global.gc?.();
  const memory = process.memoryUsage();
  console.log(`api process after the run             rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  await app.close();
}

async function main(): Promise<void> {
  console.log(`vedtaksrunde bench — node ${process.version}, ${new Date().toISOString()}`);
  benchAllocation();
  await benchViews();
  await benchHttp();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
