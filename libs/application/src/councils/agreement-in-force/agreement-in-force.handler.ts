import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseCalendarDate, todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { Clock } from '../../time/clock';
import { findAgreementInForce } from '../queries/agreement-in-force.query';
import { AgreementVersionView } from '../views/agreement-version.view';

/** The agreement version in force on a date (today in Oslo when none is given), for whoever may see the council. */
@Injectable()
export class AgreementInForceHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, slug: string, on?: string): Promise<AgreementVersionView> {
    const manager = this.dataSource.manager;
    const { council } = await CouncilAccess.load(manager, actor, slug, todayInOslo(this.clock.now()));
    const day = on === undefined ? todayInOslo(this.clock.now()) : parseCalendarDate(on, 'on');
    const version = await findAgreementInForce(manager, council.id, day);
    if (!version) {
      throw ApplicationError.notFound('AGREEMENT.NONE_IN_FORCE', `No agreement version of ${slug} was in force on ${day}.`, { on: day });
    }
    return version;
  }
}
