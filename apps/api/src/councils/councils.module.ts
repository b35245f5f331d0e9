import { Module } from '@nestjs/common';
import { CouncilsApplicationModule } from '@app/application';
import { AgreementController } from './controllers/agreement.controller';
import { AllocationsController } from './controllers/allocations.controller';
import { CostKeysController } from './controllers/cost-keys.controller';
import { CouncilsController } from './controllers/councils.controller';
import { FeesController } from './controllers/fees.controller';
import { MembersController } from './controllers/members.controller';
import { MembershipsController } from './controllers/memberships.controller';

/** Councils and what the secretariat keeps for them: members, cost keys, agreement versions, fees. */
@Module({
  imports: [CouncilsApplicationModule],
  controllers: [CouncilsController, MembersController, MembershipsController, CostKeysController, AllocationsController, AgreementController, FeesController],
})
export class CouncilsModule {}
