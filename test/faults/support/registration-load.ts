import { randomBytes } from 'node:crypto';
import { clerkToken } from '../../support/tokens';

/** One member of one round whose clerk keeps registering. */
export interface RegistrationTarget {
  roundId: string;
  municipality: string;
}

/** What one attempt got: an HTTP status, or `network` when no answer came (refused, reset, timed out). */
export interface Attempt {
  key: string;
  target: RegistrationTarget;
  status: number | 'network';
  /** The Retry-After header of the answer, if any. */
  retryAfter: string | null;
  /** The problem's type and detail for an error answer, or the network error's code and message. */
  problem: string | null;
  startedAt: number;
  endedAt: number;
}

/** A registration that was answered 200: the key, and the revision the api said it wrote. */
export interface Registered {
  key: string;
  target: RegistrationTarget;
  revision: number;
}

/**
 * Clerks registering their kommunestyre's decision over and over (PUT …/decisions/{nr}: each a
 * new meeting date, with the Idempotency-Key as its note), the way the web app does: an attempt
 * that gets no 200 is sent again, with the same key and body, until it does.
 */
export class RegistrationLoad {
  readonly attempts: Attempt[] = [];
  readonly registered: Registered[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  /** Begins every key (and so every note) of this load. */
  readonly run = randomBytes(3).toString('hex');

  constructor(
    private readonly baseUrl: string,
    private readonly targets: readonly RegistrationTarget[],
    private readonly options: { retryEveryMs?: number; requestTimeoutMs?: number } = {},
  ) {}

  start(): void {
    this.running = true;
    this.loops = this.targets.map((target, index) => this.loop(target, index));
  }

  /** Lets each clerk finish the registration in hand (retrying until it is answered 200), then stops. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** The latest time every target had a 200 that began after `since`; null while one has none. */
  allServedAfter(since: number): number | null {
    let latest = 0;
    for (const target of this.targets) {
      const first = this.attempts.find((a) => a.target === target && a.status === 200 && a.startedAt >= since);
      if (!first) return null;
      latest = Math.max(latest, first.endedAt);
    }
    return latest;
  }

  private async loop(target: RegistrationTarget, index: number): Promise<void> {
    const token = await clerkToken(target.municipality);
    for (let n = 0; this.running; n++) {
      const key = `${this.run}-${index}-${n}`;
      // A day later each time, so every registration is a change (a new revision).
      const meetingDate = new Date(Date.UTC(2030, 1, 1 + (n % 120))).toISOString().slice(0, 10);
      const body = JSON.stringify({ decision: 'scheduled', meetingDate, note: key });
      for (;;) {
        const attempt = await this.attempt(target, key, token, body);
        this.attempts.push(attempt.record);
        if (attempt.record.status === 200) {
          this.registered.push({ key, target, revision: attempt.revision! });
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, this.options.retryEveryMs ?? 50));
      }
    }
  }

  private async attempt(target: RegistrationTarget, key: string, token: string, body: string): Promise<{ record: Attempt; revision?: number }> {
    const startedAt = Date.now();
    const record = (status: Attempt['status'], retryAfter: string | null, problem: string | null): Attempt => ({
      key,
      target,
      status,
      retryAfter,
      problem,
      startedAt,
      endedAt: Date.now(),
    });
    try {
      const response = await fetch(`${this.baseUrl}/api/rounds/${target.roundId}/decisions/${target.municipality}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 15_000),
      });
      const text = await response.text();
      if (response.status === 200) {
        const revision = (JSON.parse(text) as { member: { decision: { revision: number } } }).member.decision.revision;
        return { record: record(200, null, null), revision };
      }
      let problem = text.slice(0, 300);
      try {
        const parsed = JSON.parse(text) as { type?: string; detail?: string };
        problem = `${parsed.type}: ${parsed.detail}`;
      } catch {
        // Not problem+json: kept as it came.
      }
      return { record: record(response.status, response.headers.get('retry-after'), problem) };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { record: record('network', null, `${cause?.code ?? (error as Error).name}: ${cause?.message ?? (error as Error).message}`) };
    }
  }
}
