import { Injectable } from '@nestjs/common';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { CouncilAccess } from '../../access/council-access';
import { CouncilEventReader } from '../council-event.reader';
import { CouncilLiveFeed } from '../council-live-feed';
import { LiveEvent } from '../live-event';
import { Clock } from '../../time/clock';

/** Opens the live feed of a council's rounds for its secretariat, its leaders and the admin. */
@Injectable()
export class FollowCouncilHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: CouncilEventReader,
    private readonly feed: CouncilLiveFeed,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks the caller's right once, at connect (404 for a council they cannot see, 403 for a
   * clerk), then streams the changes after `lastEventId`, or from now without one.
   */
  async follow(actor: Actor, councilSlug: string, lastEventId?: bigint): Promise<Observable<LiveEvent>> {
    const council = await this.dataSource.transaction(async (manager) => {
      const access = await CouncilAccess.load(manager, actor, councilSlug, todayInOslo(this.clock.now()));
      access.requireSecretariatOrLeader('follow its rounds live');
      return access.council;
    });
    const latest = await this.reader.latestId(council.id);
    // An id from the future (another database, a hand-made header) would hold back every event.
    const after = lastEventId === undefined || lastEventId > latest ? latest : lastEventId;
    return this.feed.changesAfter(council.id, after);
  }
}
