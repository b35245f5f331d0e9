import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseCalendarDate, todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { Clock } from '../../time/clock';
import { findFeeScheduleInForce } from '../queries/fee-schedule-in-force.query';
import { FeeScheduleView } from '../views/fee-schedule.view';

/** The fee schedule in force on a date (today in Oslo when none is given), for whoever may see the council. */
@Injectable()
export class FeesInForceHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, slug: string, on?: string): Promise<FeeScheduleView> {
    const manager = this.dataSource.manager;
    const { council } = await CouncilAccess.load(manager, actor, slug, todayInOslo(this.clock.now()));
    const day = on === undefined ? todayInOslo(this.clock.now()) : parseCalendarDate(on, 'on');
    const schedule = await findFeeScheduleInForce(manager, council.id, day);
    if (!schedule) {
      throw ApplicationError.notFound('FEES.NONE_IN_FORCE', `No fee schedule of ${slug} was in force on ${day}.`, { on: day });
    }
    return schedule;
  }
}
