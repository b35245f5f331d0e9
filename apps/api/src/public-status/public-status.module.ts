import { Module } from '@nestjs/common';
import { PublicStatusApplicationModule } from '@app/application';
import { PublicStatusController } from './public-status.controller';

/** The councils' public status pages at `/public/{slug}`. */
@Module({ imports: [PublicStatusApplicationModule], controllers: [PublicStatusController] })
export class PublicStatusModule {}
