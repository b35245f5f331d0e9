import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MINIMUM_CONTENT_LETTERS, MinimumContent, parseCalendarDate, todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { AgreementSection, AgreementVersionEntity } from '@app/persistence';
import { CouncilAccess } from '../../access/council-access';
import { ApplicationError } from '../../application-error';
import { appendEvent } from '../../audit/event-log';
import { Clock } from '../../time/clock';
import { lockCouncilForWrite } from '../queries/council-write.lock';
import { AgreementVersionView, toAgreementVersionView } from '../views/agreement-version.view';

/** A new version of the samarbeidsavtale: its text, when it is meant to take effect, and where it meets § 18-4. */
export interface CreateAgreementVersionCommand {
  slug: string;
  title: string;
  effectiveFrom: string;
  sections: AgreementSection[];
  minimumContent: MinimumContent;
}

/**
 * Adds a version to the council's agreement (creating the agreement with its first version). A
 * version may lack items of § 18-4 while it is a draft; the view lists them, and a round refuses it.
 */
@Injectable()
export class CreateAgreementVersionHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: CreateAgreementVersionCommand): Promise<AgreementVersionView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const access = await CouncilAccess.load(manager, actor, command.slug, todayInOslo(now));
      access.requireSecretariat('write agreement versions');
      const effectiveFrom = parseCalendarDate(command.effectiveFrom, 'effectiveFrom');
      assertUniqueRefs(command.sections);
      const councilId = access.council.id;
      // Numbers 1, 2, 3 … are handed out one at a time per council.
      await lockCouncilForWrite(manager, councilId);
      const agreementId = await ensureAgreement(manager, councilId);
      const [{ next }] = await manager.query<Array<{ next: number }>>(
        'SELECT COALESCE(MAX(number), 0) + 1 AS next FROM agreement_version WHERE agreement_id = $1',
        [agreementId],
      );
      const version = await manager.getRepository(AgreementVersionEntity).save({
        agreementId,
        number: next,
        title: command.title,
        effectiveFrom,
        sections: command.sections.map(({ ref, heading, text }) => ({ ref, heading, text })),
        minimumContent: knownLetters(command.minimumContent),
        adoption: null,
        adoptedOn: null,
        inForceFrom: null,
        adoptionReason: null,
        createdBy: actor.subject,
        createdAt: now,
      });
      const view = toAgreementVersionView(version);
      await appendEvent(manager, {
        type: 'agreement_version.created',
        actor: actor.subject,
        councilId,
        at: now,
        data: {
          versionId: view.id,
          number: view.number,
          title: view.title,
          effectiveFrom: view.effectiveFrom,
          missingMinimumContent: view.missingMinimumContent,
        },
      });
      return view;
    });
  }
}

async function ensureAgreement(manager: EntityManager, councilId: string): Promise<string> {
  await manager.query('INSERT INTO agreement (council_id) VALUES ($1) ON CONFLICT (council_id) DO NOTHING', [councilId]);
  const [{ id }] = await manager.query<Array<{ id: string }>>('SELECT id FROM agreement WHERE council_id = $1', [councilId]);
  return id;
}

function assertUniqueRefs(sections: readonly AgreementSection[]): void {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { ref } of sections) (seen.has(ref) ? repeated : seen).add(ref);
  if (repeated.size > 0) {
    throw ApplicationError.invalid(
      'AGREEMENT_VERSION.DUPLICATE_SECTION_REF',
      `Each section needs its own ref; ${[...repeated].map((ref) => `"${ref}"`).join(', ')} is used more than once.`,
      { field: 'sections', refs: [...repeated] },
    );
  }
}

function knownLetters(minimumContent: MinimumContent): Record<string, string> {
  return Object.fromEntries(
    MINIMUM_CONTENT_LETTERS.flatMap((letter) => {
      const answer = minimumContent[letter];
      return typeof answer === 'string' ? [[letter, answer]] : [];
    }),
  );
}
