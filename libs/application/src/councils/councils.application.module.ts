import { Module } from '@nestjs/common';
import { AgreementChangesHandler } from './agreement-changes/agreement-changes.handler';
import { AgreementInForceHandler } from './agreement-in-force/agreement-in-force.handler';
import { CreateAgreementVersionHandler } from './create-agreement-version/create-agreement-version.handler';
import { CreateCouncilHandler } from './create-council/create-council.handler';
import { FeesInForceHandler } from './fees-in-force/fees-in-force.handler';
import { GetAgreementVersionHandler } from './get-agreement-version/get-agreement-version.handler';
import { GetCostKeyHandler } from './get-cost-key/get-cost-key.handler';
import { GetCouncilHandler } from './get-council/get-council.handler';
import { ListAgreementVersionsHandler } from './list-agreement-versions/list-agreement-versions.handler';
import { ListCouncilsHandler } from './list-councils/list-councils.handler';
import { PreviewAllocationHandler } from './preview-allocation/preview-allocation.handler';
import { PutCostKeyHandler } from './put-cost-key/put-cost-key.handler';
import { RecordAgreementAdoptedBeforeHandler } from './record-agreement-adopted-before/record-agreement-adopted-before.handler';
import { RecordFeesHandler } from './record-fees/record-fees.handler';
import { UpsertMemberHandler } from './upsert-member/upsert-member.handler';
import { MembershipChangesHandler } from './membership-changes/membership-changes.handler';

const HANDLERS = [
  CreateCouncilHandler,
  ListCouncilsHandler,
  GetCouncilHandler,
  UpsertMemberHandler,
  MembershipChangesHandler,
  PutCostKeyHandler,
  GetCostKeyHandler,
  PreviewAllocationHandler,
  CreateAgreementVersionHandler,
  ListAgreementVersionsHandler,
  GetAgreementVersionHandler,
  RecordAgreementAdoptedBeforeHandler,
  AgreementInForceHandler,
  AgreementChangesHandler,
  RecordFeesHandler,
  FeesInForceHandler,
];

/** The use cases of councils: members, cost keys, allocation previews, agreement versions and fee schedules. */
@Module({ providers: HANDLERS, exports: HANDLERS })
export class CouncilsApplicationModule {}
