import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorFunction } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { DatabaseHealthIndicator } from './database.health';
import { RedisHealthIndicator } from './redis.health';

/**
 * Three questions an operator asks. Live: is the process able to answer at all (restart it if
 * not). Ready: can it serve requests, which needs PostgreSQL only, since every write keeps its
 * jobs in the outbox while Redis is away (route traffic to it if so). And the overview: how are
 * both of its services, for monitors and people.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Overview: PostgreSQL and Redis, each up or down',
    description: 'For monitors and people. A load balancer asks /api/health/ready: the api serves requests while Redis is down.',
  })
  @ApiResponse({ status: 200, description: 'Both answer' })
  @ApiProblems(503)
  overview(): Promise<HealthCheckResult> {
    return this.run([this.databaseCheck, () => this.redis.isHealthy('redis')]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: PostgreSQL answers, so requests can be served',
    description: 'What a load balancer routes on. Redis is not needed to serve requests: jobs wait in the outbox.',
  })
  @ApiResponse({ status: 200, description: 'PostgreSQL answers' })
  @ApiProblems(503)
  ready(): Promise<HealthCheckResult> {
    return this.run([this.databaseCheck]);
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers; it looks at no other service' })
  @ApiResponse({ status: 200, description: 'The process answers' })
  live(): Promise<HealthCheckResult> {
    return this.run([]);
  }

  private readonly databaseCheck: HealthIndicatorFunction = () => this.database.isHealthy('database');

  private async run(checks: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Every error body is problem+json; the checks stay beside it for monitors that read them.
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      const detail = down.includes('database')
        ? `Not ready: ${down.join(' and ')} down.`
        : `Degraded: ${down.join(' and ')} down; requests are still served, and jobs wait in the outbox.`;
      throw ProblemException.of(503, 'unhealthy', 'Service Unavailable', detail, { checks: result.details });
    }
  }
}
