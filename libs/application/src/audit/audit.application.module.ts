import { Module } from '@nestjs/common';
import { VerifyAuditChainHandler } from './verify-audit-chain.handler';

/** The audit trail's own use case: verifying its chain. */
@Module({ providers: [VerifyAuditChainHandler], exports: [VerifyAuditChainHandler] })
export class AuditApplicationModule {}
