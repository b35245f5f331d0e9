import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, compareAgreementSections, SectionChange, todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { AgreementSection } from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { Clock } from '../../time/clock';
import { findAgreementInForce } from '../queries/agreement-in-force.query';
import { agreementVersionNotFound, findCouncilAgreementVersion } from '../queries/agreement-version.query';

/** What a version changes, section by section, against another version of the same agreement (null: against no agreement at all). */
export interface AgreementChangesView {
  against: string | null;
  sections: SectionChange[];
}

/** The version a comparison is made against: one asked for by id, or the one in force on a day. */
export type ComparedAgainst = { versionId: string } | { inForceOn: CalendarDate };

/**
 * Compares a version of the council's agreement with another of its versions, or with the one in
 * force on a day; every section is added when none was in force. 404 for a version that is not
 * the council's (the one compared as well as the one compared against).
 */
export async function compareAgreementVersion(
  manager: EntityManager,
  council: { id: string; slug: string },
  version: { id: string; sections: AgreementSection[] },
  against: ComparedAgainst,
): Promise<AgreementChangesView> {
  let base: { id: string; sections: AgreementSection[] } | undefined;
  if ('versionId' in against) {
    const found = await findCouncilAgreementVersion(manager, council.id, against.versionId);
    if (!found) throw agreementVersionNotFound(council.slug, against.versionId);
    base = found;
  } else {
    base = await findAgreementInForce(manager, council.id, against.inForceOn);
  }
  return { against: base?.id ?? null, sections: compareAgreementSections(base?.sections ?? [], version.sections) };
}

/**
 * What a version of the samarbeidsavtale changes, word by word, against another version or, by
 * default, the one in force today (Europe/Oslo): what a kommunestyre is asked to adopt. For
 * whoever may see the council, clerks included: they write the case for their kommunestyre.
 */
@Injectable()
export class AgreementChangesHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, slug: string, versionId: string, againstId?: string): Promise<AgreementChangesView> {
    const manager = this.dataSource.manager;
    const { council } = await CouncilAccess.load(manager, actor, slug, todayInOslo(this.clock.now()));
    const version = await findCouncilAgreementVersion(manager, council.id, versionId);
    if (!version) throw agreementVersionNotFound(slug, versionId);
    const against: ComparedAgainst = againstId === undefined ? { inForceOn: todayInOslo(this.clock.now()) } : { versionId: againstId };
    return compareAgreementVersion(manager, council, version, against);
  }
}
