import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventEntity } from '@app/persistence';
import { LiveEvent } from './live-event';

/** Reads the changes of a council's rounds from the audit trail, in id order. */
export abstract class CouncilEventReader {
  /** The id of the council's latest round event, or 0 when there is none yet. */
  abstract latestId(councilId: string): Promise<bigint>;

  /** The council's round events after `afterId`, oldest first, at most `limit`. */
  abstract after(councilId: string, afterId: bigint, limit: number): Promise<LiveEvent[]>;

  /** The newest `limit` of the council's round events in (afterId, upTo], oldest first. */
  abstract latestBetween(councilId: string, afterId: bigint, upTo: bigint, limit: number): Promise<LiveEvent[]>;
}

@Injectable()
export class TypeormCouncilEventReader extends CouncilEventReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async latestId(councilId: string): Promise<bigint> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(max(id), 0)::text AS id FROM event WHERE council_id = $1 AND round_id IS NOT NULL`,
      [councilId],
    );
    return BigInt(row.id as string);
  }

  async after(councilId: string, afterId: bigint, limit: number): Promise<LiveEvent[]> {
    const events = await this.roundEvents(councilId, afterId).orderBy('event.id', 'ASC').limit(limit).getMany();
    return events.map(toLiveEvent);
  }

  async latestBetween(councilId: string, afterId: bigint, upTo: bigint, limit: number): Promise<LiveEvent[]> {
    const events = await this.roundEvents(councilId, afterId)
      .andWhere('event.id <= :upTo', { upTo: upTo.toString() })
      .orderBy('event.id', 'DESC')
      .limit(limit)
      .getMany();
    return events.reverse().map(toLiveEvent);
  }

  private roundEvents(councilId: string, afterId: bigint) {
    return this.dataSource
      .getRepository(EventEntity)
      .createQueryBuilder('event')
      .where('event.council_id = :councilId', { councilId })
      .andWhere('event.round_id IS NOT NULL')
      .andWhere('event.id > :afterId', { afterId: afterId.toString() });
  }
}

function toLiveEvent(event: EventEntity): LiveEvent {
  return { id: event.id, type: event.type, at: event.at.toISOString(), roundId: event.roundId!, actor: event.actor, data: event.data };
}
