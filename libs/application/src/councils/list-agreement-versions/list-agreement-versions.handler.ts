import { Injectable } from '@nestjs/common';
import { todayInOslo } from '@app/domain';
import { DataSource } from 'typeorm';
import { Actor } from '@app/identity';
import { CouncilAccess } from '../../access/council-access';
import { Page, PageRequest, cursorKeyOf, pageOf } from '../../paging/page';
import { PageCursor } from '../../paging/page-cursor';
import { findCouncilAgreementVersions } from '../queries/agreement-version.query';
import { AgreementVersionView, toAgreementVersionView } from '../views/agreement-version.view';
import { Clock } from '../../time/clock';

/** The version list's position: the version's number within the council's agreement. */
export const AGREEMENT_VERSION_LIST_CURSOR = new PageCursor('agreement-versions', ['integer'] as const);

/** A page of the versions of a council's agreement, drafts included, oldest first: for the secretariat and the leaders. */
@Injectable()
export class ListAgreementVersionsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, slug: string, page: PageRequest): Promise<Page<AgreementVersionView>> {
    const after = cursorKeyOf(AGREEMENT_VERSION_LIST_CURSOR, page);
    const manager = this.dataSource.manager;
    const access = await CouncilAccess.load(manager, actor, slug, todayInOslo(this.clock.now()));
    access.requireSecretariatOrLeader('see the agreement versions');
    const versions = await findCouncilAgreementVersions(manager, access.council.id, { afterNumber: after ? Number(after[0]) : null, limit: page.limit + 1 });
    const { items, next } = pageOf(versions, page.limit, AGREEMENT_VERSION_LIST_CURSOR, (version) => [String(version.number)]);
    return { items: items.map(toAgreementVersionView), next };
  }
}
