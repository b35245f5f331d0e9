import { Module } from '@nestjs/common';
import { NoticesApplicationModule } from '../notices/notices.application.module';
import { AmendElectorateHandler } from './amend-electorate/amend-electorate.handler';
import { ChangeRoundHandler } from './change-round/change-round.handler';
import { LaunchRoundHandler } from './launch-round/launch-round.handler';
import { ReadRoundsHandler } from './read-rounds/read-rounds.handler';
import { RegisterDecisionHandler } from './register-decision/register-decision.handler';

const HANDLERS = [LaunchRoundHandler, RegisterDecisionHandler, ChangeRoundHandler, ReadRoundsHandler, AmendElectorateHandler];

/** The use cases of approval rounds. */
@Module({ imports: [NoticesApplicationModule], providers: HANDLERS, exports: HANDLERS })
export class RoundsApplicationModule {}
