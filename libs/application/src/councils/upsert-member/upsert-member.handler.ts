import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isMunicipalityNumber, parseCalendarDate, todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { MembershipEntity } from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { appendEvent } from '../../audit/event-log';
import { Clock } from '../../time/clock';
import { findCurrentMembership } from '../queries/council-members.query';
import { registeredMunicipality } from '../queries/municipality-registry';
import { lockCouncilForWrite } from '../queries/council-write.lock';
import { MemberView, toMemberView } from '../views/council.view';

/** A member as the secretariat keeps it: the municipality's name, since when, and its seats in representantskapet. */
export interface UpsertMemberCommand {
  slug: string;
  municipalityNumber: string;
  name: string;
  joinedOn: string;
  representatives: number;
}

/** The member after the change, and whether it was added (true) or updated (false). */
export interface UpsertMemberResult {
  created: boolean;
  member: MemberView;
}

/** Adds a municipality to a council, or updates its current membership; the secretariat's task. */
@Injectable()
export class UpsertMemberHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: UpsertMemberCommand): Promise<UpsertMemberResult> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const access = await CouncilAccess.load(manager, actor, command.slug, todayInOslo(now));
      access.requireSecretariat('add or change members');
      if (!isMunicipalityNumber(command.municipalityNumber)) {
        throw ApplicationError.invalid('MEMBER.INVALID_NUMBER', `"${command.municipalityNumber}" is not a kommunenummer (four digits).`, {
          field: 'municipalityNumber',
        });
      }
      const joinedOn = parseCalendarDate(command.joinedOn, 'joinedOn');
      const councilId = access.council.id;
      await lockCouncilForWrite(manager, councilId);

      const existing = await findCurrentMembership(manager, councilId, command.municipalityNumber, todayInOslo(now));
      const { municipality, previousName } = await registeredMunicipality(manager, actor, { number: command.municipalityNumber, name: command.name }, 'name');
      const before = existing && toMemberView(existing, { name: previousName });
      const membership = await manager.getRepository(MembershipEntity).save({
        ...(existing ?? { councilId, municipalityNumber: command.municipalityNumber, leftOn: null }),
        joinedOn,
        representatives: command.representatives,
      });
      const member = toMemberView(membership, municipality);
      await appendEvent(manager, {
        type: 'member.upserted',
        actor: actor.subject,
        councilId,
        at: now,
        data: { municipalityNumber: member.municipalityNumber, before, after: member },
      });
      return { created: !existing, member };
    });
  }
}
