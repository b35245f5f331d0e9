import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AdminQueuesGate } from './admin-queues.gate';
import { BoardSessions } from './board-sessions';
import { QueueBoard } from './queue-board';

/**
 * The operator's view of the queues (bull-board) at /admin/queues, for admins. It is Express
 * middleware rather than a controller because bull-board is an Express app of its own; bootstrap.ts
 * mounts AdminQueuesGate.middleware there.
 */
@Module({ imports: [AuthModule], providers: [QueueBoard, BoardSessions, AdminQueuesGate], exports: [AdminQueuesGate] })
export class QueuesModule {}
