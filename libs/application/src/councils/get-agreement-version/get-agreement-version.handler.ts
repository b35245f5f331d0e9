import { Injectable } from '@nestjs/common';
import { todayInOslo } from '@app/domain';
import { DataSource } from 'typeorm';
import { Actor } from '@app/identity';
import { CouncilAccess } from '../../access/council-access';
import { agreementVersionNotFound, findCouncilAgreementVersion } from '../queries/agreement-version.query';
import { AgreementVersionView, toAgreementVersionView } from '../views/agreement-version.view';
import { Clock } from '../../time/clock';

/** One version of a council's agreement, draft or adopted: for the secretariat and the leaders. */
@Injectable()
export class GetAgreementVersionHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, slug: string, versionId: string): Promise<AgreementVersionView> {
    const manager = this.dataSource.manager;
    const access = await CouncilAccess.load(manager, actor, slug, todayInOslo(this.clock.now()));
    access.requireSecretariatOrLeader('see the agreement versions');
    const version = await findCouncilAgreementVersion(manager, access.council.id, versionId);
    if (!version) throw agreementVersionNotFound(slug, versionId);
    return toAgreementVersionView(version);
  }
}
