import { Module } from '@nestjs/common';
import { CouncilEventReader, TypeormCouncilEventReader } from './council-event.reader';
import { CouncilLiveFeed } from './council-live-feed';
import { FollowCouncilHandler } from './follow-council/follow-council.handler';

/** The live feed of councils' rounds: one shared reader of the audit trail per council. */
@Module({
  providers: [{ provide: CouncilEventReader, useClass: TypeormCouncilEventReader }, CouncilLiveFeed, FollowCouncilHandler],
  exports: [CouncilLiveFeed, FollowCouncilHandler],
})
export class LiveApplicationModule {}
