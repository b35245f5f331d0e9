import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@app/identity';
import { CouncilAccess } from '../../access/council-access';
import { findCouncilAgreementVersions } from '../queries/agreement-version.query';
import { AgreementVersionView, toAgreementVersionView } from '../views/agreement-version.view';

/** The versions of a council's agreement, drafts included, oldest first: for the secretariat and the leaders. */
@Injectable()
export class ListAgreementVersionsHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(actor: Actor, slug: string): Promise<AgreementVersionView[]> {
    const manager = this.dataSource.manager;
    const access = await CouncilAccess.load(manager, actor, slug);
    access.requireSecretariatOrLeader('see the agreement versions');
    return (await findCouncilAgreementVersions(manager, access.council.id)).map(toAgreementVersionView);
  }
}
