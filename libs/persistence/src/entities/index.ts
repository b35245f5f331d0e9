import { AppUserEntity, RoleGrantEntity } from './app-user.entity';
import { CostKeyEntity, CostKeyWeightEntity } from './cost-key.entity';
import { CouncilEntity } from './council.entity';
import { FeeScheduleEntity, FeeScheduleLineEntity } from './fee-schedule.entity';
import { MembershipEntity } from './membership.entity';
import { MunicipalityEntity } from './municipality.entity';

export * from './app-user.entity';
export * from './cost-key.entity';
export * from './council.entity';
export * from './fee-schedule.entity';
export * from './membership.entity';
export * from './municipality.entity';

/** Every table the product maps; the data source and the tests list them from here. */
export const ENTITIES = [
  MunicipalityEntity,
  CouncilEntity,
  MembershipEntity,
  CostKeyEntity,
  CostKeyWeightEntity,
  FeeScheduleEntity,
  FeeScheduleLineEntity,
  AppUserEntity,
  RoleGrantEntity,
];
