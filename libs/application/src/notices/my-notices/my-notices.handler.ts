import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '@app/identity';
import { AppUserEntity, CouncilEntity, NotificationEntity } from '@app/persistence';
import { ApplicationError } from '../../application-error';
import { Page, PageRequest, cursorKeyOf, pageOf } from '../../paging/page';
import { PageCursor, instantKeySql } from '../../paging/page-cursor';
import { Clock } from '../../time/clock';
import { NoticeKind } from '../notice';

/** A notice in its recipient's inbox. */
export interface NoticeView {
  id: string;
  kind: NoticeKind;
  subject: string;
  body: string;
  /** A page to open, relative to the site; never an action. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
  roundId: string | null;
  /** The council's slug. */
  council: string | null;
}

export interface MyNoticesFilter {
  unreadOnly: boolean;
}

/** The inbox's position: when the notice was made and its id, newest first. */
export const NOTICE_LIST_CURSOR = new PageCursor('notices', ['instant', 'uuid'] as const);

/** After the cursor's (created_at, id), newest first; one statement for every page, the first passing no cursor. */
const KEYSET_AFTER = (alias: string) =>
  `(CAST(:afterAt AS timestamptz) IS NULL OR (${alias}.created_at, ${alias}.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid)))`;

/** The caller's own inbox: their notices, newest first, and marking one read. Nobody sees another's. */
@Injectable()
export class MyNoticesHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * A page of the caller's notices, newest first, by keyset on (user_id, created_at): two queries
   * whatever the size of the inbox. A person the product has never written to (no app_user row)
   * simply has none.
   */
  async list(actor: Actor, filter: MyNoticesFilter, page: PageRequest): Promise<Page<NoticeView>> {
    const after = cursorKeyOf(NOTICE_LIST_CURSOR, page);
    const manager = this.dataSource.manager;
    const userId = await userIdOf(manager, actor);
    if (!userId) return { items: [], next: null };
    const notices = selectNotices(manager)
      .addSelect(instantKeySql('n.created_at'), 'created_key')
      .where('n.user_id = :userId', { userId });
    if (filter.unreadOnly) notices.andWhere('n.read_at IS NULL');
    notices.andWhere(KEYSET_AFTER('n'), { afterAt: after?.[0] ?? null, afterId: after?.[1] ?? null });
    const rows = await notices
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(page.limit + 1)
      .getRawMany<NoticeRow & { created_key: string }>();
    const { items, next } = pageOf(rows, page.limit, NOTICE_LIST_CURSOR, (row) => [row.created_key, row.id]);
    return { items: items.map(viewOf), next };
  }

  /** Marks the caller's notice read (the first reading counts); another person's is not found. */
  async markRead(actor: Actor, notificationId: string): Promise<NoticeView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const userId = await userIdOf(manager, actor);
      const updated = userId
        ? await manager
            .getRepository(NotificationEntity)
            .createQueryBuilder()
            .update()
            .set({ readAt: () => 'COALESCE(read_at, :now)' })
            .setParameter('now', now)
            .where('id = :id AND user_id = :userId', { id: notificationId, userId })
            .execute()
        : { affected: 0 };
      if (!updated.affected) throw ApplicationError.notFound('NOTICE.NOT_FOUND', 'You have no notice with this id.', { notificationId });
      const row = await selectNotices(manager).where('n.id = :id', { id: notificationId }).getRawOne<NoticeRow>();
      return viewOf(row!);
    });
  }
}

interface NoticeRow {
  id: string;
  kind: NoticeKind;
  subject: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
  round_id: string | null;
  council: string | null;
}

async function userIdOf(manager: EntityManager, actor: Actor): Promise<string | null> {
  const user = await manager.getRepository(AppUserEntity).findOne({ where: { issuer: actor.issuer, subject: actor.subject }, select: { id: true } });
  return user?.id ?? null;
}

function selectNotices(manager: EntityManager) {
  return manager
    .getRepository(NotificationEntity)
    .createQueryBuilder('n')
    .leftJoin(CouncilEntity, 'c', 'c.id = n.council_id')
    .select(['n.id AS id', 'n.kind AS kind', 'n.subject AS subject', 'n.body AS body', 'n.link AS link'])
    .addSelect(['n.created_at AS created_at', 'n.read_at AS read_at', 'n.round_id AS round_id', 'c.slug AS council']);
}

function viewOf(row: NoticeRow): NoticeView {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    link: row.link,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
    roundId: row.round_id,
    council: row.council,
  };
}
