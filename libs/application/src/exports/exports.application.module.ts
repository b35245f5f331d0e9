import { Module } from '@nestjs/common';
import { RoundsApplicationModule } from '../rounds/rounds.application.module';
import { ExportRoundHandler } from './export-round/export-round.handler';

/** Exports for the case archive: a round as CSV or PDF. */
@Module({ imports: [RoundsApplicationModule], providers: [ExportRoundHandler], exports: [ExportRoundHandler] })
export class ExportsApplicationModule {}
