import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { assertCompleteMinimumContent, inForceFrom, parseCalendarDate, todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { AgreementVersionEntity, RoundEntity } from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { appendEvent } from '../../audit/event-log';
import { Clock } from '../../time/clock';
import { agreementVersionNotFound, findCouncilAgreementVersion } from '../queries/agreement-version.query';
import { lockCouncilForWrite } from '../queries/council-write.lock';
import { AgreementVersionView, toAgreementVersionView } from '../views/agreement-version.view';

/** The day every member had adopted a version before the council used the product, and why it is recorded. */
export interface RecordAgreementAdoptedBeforeCommand {
  slug: string;
  versionId: string;
  adoptedOn: string;
  reason: string;
}

/**
 * Marks a version as adopted before onboarding: it comes into force on its effective date, or on the
 * day of adoption if later. Only a complete version (§ 18-4), only once, and never beside a round for it.
 */
@Injectable()
export class RecordAgreementAdoptedBeforeHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: RecordAgreementAdoptedBeforeCommand): Promise<AgreementVersionView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const access = await CouncilAccess.load(manager, actor, command.slug, todayInOslo(now));
      access.requireSecretariat('record agreements adopted before onboarding');
      const adoptedOn = parseCalendarDate(command.adoptedOn, 'adoptedOn');
      const today = todayInOslo(now);
      if (adoptedOn > today) {
        throw ApplicationError.invalid(
          'AGREEMENT_VERSION.ADOPTED_IN_FUTURE',
          `adoptedOn ${adoptedOn} is after today (${today}); record an adoption that has taken place.`,
          { field: 'adoptedOn' },
        );
      }
      const reason = command.reason.trim();
      if (!reason) {
        throw ApplicationError.invalid('AGREEMENT_VERSION.REASON_REQUIRED', 'Say why the adoption is recorded (reason).', { field: 'reason' });
      }
      const councilId = access.council.id;
      await lockCouncilForWrite(manager, councilId);
      const version = await findCouncilAgreementVersion(manager, councilId, command.versionId);
      if (!version) throw agreementVersionNotFound(command.slug, command.versionId);
      if (version.adoption) {
        throw ApplicationError.conflict(
          'AGREEMENT_VERSION.ALREADY_ADOPTED',
          `Version ${version.number} was already adopted (${version.adoption === 'round' ? 'in a round' : 'before onboarding'}) on ${version.adoptedOn}.`,
          { versionId: version.id, adoption: version.adoption, adoptedOn: version.adoptedOn },
        );
      }
      assertCompleteMinimumContent(version.minimumContent);
      const from = inForceFrom({ effectiveFrom: version.effectiveFrom, approvedOn: adoptedOn });
      await refuseIfInRound(manager, version);
      await refuseIfRoundsCameFirst(manager, version.agreementId, from);

      const before = toAgreementVersionView(version);
      version.adoption = 'onboarding';
      version.adoptedOn = adoptedOn;
      version.inForceFrom = from;
      version.adoptionReason = reason;
      const after = toAgreementVersionView(await manager.getRepository(AgreementVersionEntity).save(version));
      await appendEvent(manager, {
        type: 'agreement_version.adopted_before',
        actor: actor.subject,
        councilId,
        at: now,
        data: {
          versionId: version.id,
          number: version.number,
          reason,
          before: { adoption: before.adoption, adoptedOn: before.adoptedOn, inForceFrom: before.inForceFrom },
          after: { adoption: after.adoption, adoptedOn: after.adoptedOn, inForceFrom: after.inForceFrom },
        },
      });
      return after;
    });
  }
}

// A version out for decision in an open round is the members' to adopt; recording it here would adopt it twice.
async function refuseIfInRound(manager: EntityManager, version: AgreementVersionEntity): Promise<void> {
  const open = await manager.getRepository(RoundEntity).findOne({ where: { agreementVersionId: version.id, status: 'open' } });
  if (open) {
    throw ApplicationError.conflict(
      'AGREEMENT_VERSION.IN_OPEN_ROUND',
      `Version ${version.number} is out for decision in the open round "${open.title}"; withdraw the round first.`,
      { roundId: open.id },
    );
  }
}

// Onboarding records what was adopted before the product; once a round has adopted a version, later ones go through rounds.
async function refuseIfRoundsCameFirst(manager: EntityManager, agreementId: string, inForceFrom: string): Promise<void> {
  const fromRound = await manager
    .getRepository(AgreementVersionEntity)
    .createQueryBuilder('v')
    .where(`v.agreement_id = :agreementId AND v.adoption = 'round' AND v.in_force_from <= :inForceFrom`, { agreementId, inForceFrom })
    .orderBy('v.in_force_from', 'DESC')
    .getOne();
  if (fromRound) {
    throw ApplicationError.conflict(
      'AGREEMENT_VERSION.AFTER_ROUND',
      `Version ${fromRound.number}, adopted in a round, is in force from ${fromRound.inForceFrom}; a version adopted before the ` +
        `council used this system cannot come into force later than that.`,
      { field: 'adoptedOn', versionId: fromRound.id },
    );
  }
}
