import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@app/identity';
import { AppUserEntity } from '@app/persistence';
import { ApplicationError } from '../application-error';
import { EMAIL_NOTICE_KINDS, EmailNoticeKind } from './email-kinds';

/** Written standards a person may choose for their notices. */
export type Language = 'nb' | 'nn' | 'en';

/** What a person keeps for themselves: the written standard of their notices, and the kinds they take in the app only. */
export interface PersonSettings {
  language: Language | null;
  emailOffKinds: EmailNoticeKind[];
}

const REMEMBER_FOR_MS = 10 * 60_000;

/**
 * The people notices go to are those the product knows: whoever signs in is remembered with the
 * grants their token carries (their clerk roles decide whose reminders they get), so that a
 * municipality's identity provider is the one place people and roles are kept. A person is a
 * subject of one issuer: the same `sub` from two issuers is two people.
 */
@Injectable()
export class People {
  private readonly logger = new Logger(People.name);
  private readonly recent = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  /** Records the person and their grants; at most once per ten minutes per unchanged token content. */
  async remember(actor: Actor): Promise<void> {
    const fingerprint = createHash('sha256').update(JSON.stringify([actor.issuer, actor.subject, actor.name, actor.email, actor.roles])).digest('hex');
    // System time: the throttle only spares the database repeated writes; a clock standing still or set back would stall it.
    const now = Date.now();
    if ((this.recent.get(fingerprint) ?? 0) > now - REMEMBER_FOR_MS) return;
    try {
      await this.dataSource.transaction(async (manager) => {
        // Someone recorded before people were keyed by issuer was whoever signed in with the subject:
        // the first sign-in since takes them over, with their settings and notices, for its issuer only.
        await manager.query(`UPDATE app_user SET issuer = $1 WHERE issuer IS NULL AND subject = $2`, [actor.issuer, actor.subject]);
        const [user] = await manager.query(
          `INSERT INTO app_user (issuer, subject, name, email) VALUES ($1, $2, $3, $4)
           ON CONFLICT (issuer, subject) DO UPDATE SET name = EXCLUDED.name, email = COALESCE(EXCLUDED.email, app_user.email)
           RETURNING id`,
          [actor.issuer, actor.subject, actor.name, actor.email],
        );
        await manager.query(`DELETE FROM role_grant WHERE user_id = $1`, [user.id]);
        for (const grant of actor.roles) {
          // Grants for councils or municipalities this installation does not know are left out.
          await manager.query(
            `INSERT INTO role_grant (user_id, role, council_id, municipality_number)
             SELECT $1, $2, c.id, m.number
               FROM (SELECT 1) one
               LEFT JOIN council c ON c.slug = $3
               LEFT JOIN municipality m ON m.number = $4
              WHERE ($2 = 'admin')
                 OR ($2 IN ('secretariat', 'leader') AND c.id IS NOT NULL)
                 OR ($2 = 'clerk' AND m.number IS NOT NULL)`,
            [user.id, grant.role, 'council' in grant ? grant.council : null, 'municipality' in grant ? grant.municipality : null],
          );
        }
      });
      this.recent.set(fingerprint, now);
      if (this.recent.size > 10_000) this.recent.clear();
    } catch (error) {
      // Remembering is for notices; a request must not fail because of it. It is tried again next time.
      this.logger.warn({ err: error, issuer: actor.issuer, subject: actor.subject }, 'could not record the person signing in');
    }
  }

  /** The caller's settings as kept; someone not chosen yet follows their municipality (null) and takes every kind by e-mail. */
  async settings(actor: Actor): Promise<PersonSettings> {
    const user = await this.dataSource
      .getRepository(AppUserEntity)
      .findOne({ where: personOf(actor), select: { language: true, emailOffKinds: true } });
    return { language: user?.language ?? null, emailOffKinds: inKindOrder(user?.emailOffKinds ?? []) };
  }

  /** The caller's own choice of written standard for notices (null: follow the municipality). */
  async setLanguage(actor: Actor, language: Language | null): Promise<PersonSettings> {
    return this.setSettings(actor, { language });
  }

  /**
   * The caller's own settings: the written standard (null: follow the municipality) and, when
   * given, the kinds of notice to take in the app only (left out: kept as they were).
   */
  async setSettings(actor: Actor, chosen: { language: Language | null; emailOffKinds?: readonly EmailNoticeKind[] }): Promise<PersonSettings> {
    await this.remember(actor);
    const changes: Partial<Pick<AppUserEntity, 'language' | 'emailOffKinds'>> = { language: chosen.language };
    if (chosen.emailOffKinds) changes.emailOffKinds = inKindOrder(chosen.emailOffKinds);
    const result = await this.dataSource.getRepository(AppUserEntity).update(personOf(actor), changes);
    if (!result.affected) throw ApplicationError.notFound('PERSON.NOT_FOUND', 'You are not known yet; sign in again and retry.');
    return this.settings(actor);
  }
}

/** The kinds once each, in the order notices list them; kinds this version does not know are left out. */
function inKindOrder(kinds: readonly string[]): EmailNoticeKind[] {
  return EMAIL_NOTICE_KINDS.filter((kind) => kinds.includes(kind));
}

/** Where to find the caller's own row: their subject as their issuer vouches for it. */
export function personOf(actor: Actor): { issuer: string; subject: string } {
  return { issuer: actor.issuer, subject: actor.subject };
}
