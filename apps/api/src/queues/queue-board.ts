import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { Express, RequestHandler } from 'express';
import { AppConfig } from '@app/config';
import { QUEUE_NAME, redisOptions } from '@app/jobs';

/** Where the operator's view of the queues is served, outside the /api prefix. */
export const QUEUE_BOARD_PATH = '/admin/queues';

// Closing waits for Redis; a shutdown while it is down must not hang on it.
const CLOSE_TIMEOUT_MS = 2_000;

/**
 * bull-board over the product's queue. The Queue and the board are made on the first admitted
 * request, so the API connects to Redis for this page only and never waits on it otherwise.
 */
@Injectable()
export class QueueBoard implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueBoard.name);
  private queue: Queue | null = null;
  private router: RequestHandler | null = null;

  constructor(private readonly config: AppConfig) {}

  /** The board's Express app, to be called for requests under QUEUE_BOARD_PATH once they are admitted. */
  handler(): RequestHandler {
    if (this.router) return this.router;
    const queue = new Queue(QUEUE_NAME, { prefix: this.config.queuePrefix, connection: redisOptions(this.config.redisUrl, 'queue') });
    // Without a listener an unreachable Redis would crash the API; the board shows the outage instead.
    queue.on('error', (error) => this.logger.warn({ err: error }, 'queue board: Redis connection problem'));
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: [new BullMQAdapter(queue, { allowRetries: true, description: 'Reminders, deadlines, outcomes, e-mail and reconciliation' })],
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Vedtaksrunde' } },
    });
    this.queue = queue;
    const router = serverAdapter.getRouter() as Express;
    // bull-board is an Express app of its own, which would announce itself again.
    router.disable('x-powered-by');
    this.router = router;
    return this.router;
  }

  async onApplicationShutdown(): Promise<void> {
    const queue = this.queue;
    this.queue = null;
    this.router = null;
    if (!queue) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS)));
    const closed = await Promise.race([queue.close().then(() => 'closed' as const), timeout]);
    clearTimeout(timer);
    if (closed === 'timeout') await queue.disconnect().catch(() => undefined);
  }
}
