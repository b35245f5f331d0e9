import { EntityManager } from 'typeorm';
import { AgreementEntity, AgreementVersionEntity } from '@app/persistence';
import { ApplicationError } from '../../application-error';

/** A version of the council's agreement by id; null when it is not one of this council's. */
export async function findCouncilAgreementVersion(
  manager: EntityManager,
  councilId: string,
  versionId: string,
): Promise<AgreementVersionEntity | null> {
  return councilVersions(manager, councilId).andWhere('v.id = :versionId', { versionId }).getOne();
}

/** The versions of the council's agreement numbered after `afterNumber`, oldest first, at most `limit`: on uq_agreement_version_number. */
export async function findCouncilAgreementVersions(
  manager: EntityManager,
  councilId: string,
  page: { afterNumber: number | null; limit: number },
): Promise<AgreementVersionEntity[]> {
  return councilVersions(manager, councilId)
    .andWhere('(CAST(:afterNumber AS integer) IS NULL OR v.number > CAST(:afterNumber AS integer))', { afterNumber: page.afterNumber })
    .orderBy('v.number', 'ASC')
    .limit(page.limit)
    .getMany();
}

/** 404 for a version id that is not one of the council's. */
export function agreementVersionNotFound(slug: string, versionId: string): ApplicationError {
  return ApplicationError.notFound('AGREEMENT_VERSION.NOT_FOUND', `${slug} has no agreement version ${versionId}.`, { versionId });
}

function councilVersions(manager: EntityManager, councilId: string) {
  return manager
    .getRepository(AgreementVersionEntity)
    .createQueryBuilder('v')
    .innerJoin(AgreementEntity, 'a', 'a.id = v.agreement_id')
    .where('a.council_id = :councilId', { councilId });
}
