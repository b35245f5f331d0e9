import { Module } from '@nestjs/common';
import { LiveApplicationModule } from '@app/application';
import { LiveController } from './live.controller';
import { LiveStreams } from './live-streams';

/** `GET /api/councils/{slug}/live`: the council's rounds as they change, for its dashboards. */
@Module({ imports: [LiveApplicationModule], controllers: [LiveController], providers: [LiveStreams] })
export class LiveModule {}
