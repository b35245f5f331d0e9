import { EntityManager, IsNull, Not } from 'typeorm';
import { CalendarDate, inForceOn } from '@app/domain';
import { AgreementEntity, AgreementVersionEntity } from '@app/persistence';
import { AgreementVersionView, toAgreementVersionView } from '../views/agreement-version.view';

/** The agreement version in force on a date, however it was adopted; undefined when none was in force then. */
export async function findAgreementInForce(
  manager: EntityManager,
  councilId: string,
  on: CalendarDate,
): Promise<AgreementVersionView | undefined> {
  const agreement = await manager.getRepository(AgreementEntity).findOne({ where: { councilId } });
  if (!agreement) return undefined;
  const adopted = await manager.getRepository(AgreementVersionEntity).find({
    where: { agreementId: agreement.id, adoptedOn: Not(IsNull()) },
    order: { number: 'ASC' },
  });
  const found = inForceOn(
    adopted.map((version) => ({ item: version, effectiveFrom: version.effectiveFrom, approvedOn: version.adoptedOn as string })),
    on,
  );
  return found && toAgreementVersionView(found.item);
}
