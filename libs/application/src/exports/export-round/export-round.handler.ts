import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInOslo } from '@app/domain';
import { Actor } from '@app/identity';
import { CouncilEntity } from '@app/persistence';
import { compareAgreementVersion } from '../../councils/agreement-changes/agreement-changes.handler';
import { findCouncilAgreementVersion } from '../../councils/queries/agreement-version.query';
import { ReadRoundsHandler } from '../../rounds/read-rounds/read-rounds.handler';
import { RoundView } from '../../rounds/round.view';
import { Clock } from '../../time/clock';
import { DossierAgreementChanges, RoundDossier, exportFileName } from '../round-dossier';
import { roundCsv } from '../round.csv';
import { roundPdf } from '../round.pdf';

/** A file to hand to the caller as a download. */
export interface ExportedFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

// Reading the round and its trail in two steps can straddle a registration; a few tries find a
// moment when they agree.
const CONSISTENT_READ_ATTEMPTS = 3;

/**
 * The round for the case file, as CSV or PDF. It reads through ReadRoundsHandler, so exactly those
 * who may see the round may export it, and everyone else gets the same 404.
 */
@Injectable()
export class ExportRoundHandler {
  constructor(
    private readonly read: ReadRoundsHandler,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async csv(actor: Actor, roundId: string): Promise<ExportedFile> {
    const dossier = await this.dossier(actor, roundId);
    return { fileName: exportFileName(roundId, 'csv'), contentType: 'text/csv; charset=utf-8; header=present', body: Buffer.from(roundCsv(dossier), 'utf8') };
  }

  async pdf(actor: Actor, roundId: string): Promise<ExportedFile> {
    const dossier = await this.dossier(actor, roundId);
    const agreementChanges = await this.agreementChanges(dossier);
    return { fileName: exportFileName(roundId, 'pdf'), contentType: 'application/pdf', body: await roundPdf({ ...dossier, agreementChanges }) };
  }

  /**
   * What the round's version changes against the one in force the day the copy is made (Oslo),
   * compared as GET …/agreement-versions/{id}/changes compares it; undefined for a fee round.
   */
  private async agreementChanges(dossier: RoundDossier): Promise<DossierAgreementChanges | undefined> {
    const { subject } = dossier.round;
    if (subject.type !== 'agreement') return undefined;
    const manager = this.dataSource.manager;
    const council = await manager.getRepository(CouncilEntity).findOneByOrFail({ slug: dossier.round.council });
    const version = await findCouncilAgreementVersion(manager, council.id, subject.versionId);
    if (!version) throw new Error(`Round ${dossier.round.id}: its agreement version ${subject.versionId} is not the council's.`);
    const on = todayInOslo(dossier.generatedAt);
    const { against, sections } = await compareAgreementVersion(manager, council, version, { inForceOn: on });
    const base = against === null ? null : await findCouncilAgreementVersion(manager, council.id, against);
    return { on, against: base && { id: base.id, title: base.title }, sections };
  }

  private async dossier(actor: Actor, roundId: string): Promise<RoundDossier> {
    let events = await this.read.events(actor, roundId);
    let round: RoundView;
    // Every change to a round appends to its trail in the same transaction: when the trail is the
    // same before and after the round was read, the round is the one the trail describes.
    for (let attempt = 1; ; attempt++) {
      round = await this.read.get(actor, roundId);
      const after = await this.read.events(actor, roundId);
      const settled = after.length === events.length && after.at(-1)?.id === events.at(-1)?.id;
      events = after;
      if (settled || attempt >= CONSISTENT_READ_ATTEMPTS) break;
    }
    const council = await this.dataSource.getRepository(CouncilEntity).findOneBy({ slug: round.council });
    return { round, events, councilName: council?.name ?? round.council, generatedAt: this.clock.now() };
  }
}
