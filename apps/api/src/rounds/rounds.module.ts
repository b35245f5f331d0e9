import { Module } from '@nestjs/common';
import { RoundsApplicationModule } from '@app/application';
import { RoundsController } from './rounds.controller';

/** Approval rounds: launch, register decisions, extend, withdraw, and their audit trail. */
@Module({ imports: [RoundsApplicationModule], controllers: [RoundsController] })
export class RoundsModule {}
