import { AgreementEntity, AgreementVersionEntity } from './agreement.entity';
import { AppUserEntity, RoleGrantEntity } from './app-user.entity';
import { CalendarFeedEntity } from './calendar-feed.entity';
import { CostKeyEntity, CostKeyWeightEntity } from './cost-key.entity';
import { CouncilEntity } from './council.entity';
import { EventEntity, IdempotencyRecordEntity } from './event.entity';
import { FeeScheduleEntity, FeeScheduleLineEntity } from './fee-schedule.entity';
import { MembershipEntity } from './membership.entity';
import { MunicipalityEntity } from './municipality.entity';
import { NotificationEntity } from './notification.entity';
import { OutboxEntity } from './outbox.entity';
import {
  MemberDecisionRevisionEntity,
  RoundAllocationLineEntity,
  RoundEntity,
  RoundMemberEntity,
  RoundElectorateChangeEntity,
  RoundOutcomeEntity,
} from './round.entity';

export * from './agreement.entity';
export * from './app-user.entity';
export * from './calendar-feed.entity';
export * from './cost-key.entity';
export * from './council.entity';
export * from './event.entity';
export * from './fee-schedule.entity';
export * from './membership.entity';
export * from './municipality.entity';
export * from './notification.entity';
export * from './outbox.entity';
export * from './round.entity';

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
  AgreementEntity,
  AgreementVersionEntity,
  RoundEntity,
  RoundMemberEntity,
  MemberDecisionRevisionEntity,
  RoundAllocationLineEntity,
  RoundOutcomeEntity,
  RoundElectorateChangeEntity,
  EventEntity,
  IdempotencyRecordEntity,
  OutboxEntity,
  NotificationEntity,
  CalendarFeedEntity,
];
