import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@app/identity';
import { EventEntity } from '@app/persistence';
import { ApplicationError } from '../application-error';
import { eventHash } from './event-chain';

/** The first event whose link does not hold, and why. */
export interface BrokenLink {
  eventId: string;
  councilId: string | null;
  type: string;
  at: string;
  reason: 'content changed' | 'previous event missing or changed';
}

/** What a walk of the audit chain found. */
export interface AuditChainReport {
  intact: boolean;
  events: number;
  chains: number;
  firstBrokenLink: BrokenLink | null;
}

const PAGE = 1_000;

/**
 * Walks every council's chain of events in order and recomputes each link: an event changed
 * after it was written no longer matches its hash; an event removed leaves the next one pointing
 * at a hash that is not its predecessor's. Names the first broken link.
 */
@Injectable()
export class VerifyAuditChainHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(actor: Actor): Promise<AuditChainReport> {
    if (!actor.isAdmin()) throw ApplicationError.forbidden('ACCESS.ADMIN_ONLY', 'Only an admin may verify the audit chain.');
    const last = new Map<string, string>();
    let events = 0;
    let after = '0';
    for (;;) {
      const page = await this.dataSource
        .getRepository(EventEntity)
        .createQueryBuilder('e')
        .where('e.id > :after', { after })
        .orderBy('e.id')
        .limit(PAGE)
        .getMany();
      for (const event of page) {
        events++;
        const chain = event.councilId ?? 'global';
        const expectedPrev = last.get(chain) ?? null;
        const broken = (reason: BrokenLink['reason']): AuditChainReport => ({
          intact: false,
          events,
          chains: last.size,
          firstBrokenLink: { eventId: event.id, councilId: event.councilId, type: event.type, at: event.at.toISOString(), reason },
        });
        if ((event.prevHash ?? null) !== expectedPrev) return broken('previous event missing or changed');
        if (eventHash(event.prevHash, event) !== event.hash) return broken('content changed');
        last.set(chain, event.hash);
      }
      if (page.length < PAGE) return { intact: true, events, chains: last.size, firstBrokenLink: null };
      after = page[page.length - 1].id;
    }
  }
}
