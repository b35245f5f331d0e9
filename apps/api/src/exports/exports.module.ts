import { Module } from '@nestjs/common';
import { ExportsApplicationModule } from '@app/application';
import { ExportsController } from './exports.controller';

/** A round for the case archive: `GET /api/rounds/{id}/export.csv` and `…/export.pdf`. */
@Module({ imports: [ExportsApplicationModule], controllers: [ExportsController] })
export class ExportsModule {}
