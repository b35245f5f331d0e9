import { Module } from '@nestjs/common';
import { PublicStatusHandler } from './public-status.handler';

/** The council's public status page: what anyone may read of its public rounds. */
@Module({ providers: [PublicStatusHandler], exports: [PublicStatusHandler] })
export class PublicStatusApplicationModule {}
