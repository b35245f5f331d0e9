import { Module } from '@nestjs/common';
import { AuditApplicationModule } from '@app/application';
import { AuditController } from './audit.controller';

/** The audit trail's verification for operators. */
@Module({ imports: [AuditApplicationModule], controllers: [AuditController] })
export class AuditModule {}
