import { CreateCouncils1795565976199 } from './1795565976199-CreateCouncils';
import { CreateRounds1795566949780 } from './1795566949780-CreateRounds';
import { CreateOutboxAndNotices1795567762005 } from './1795567762005-CreateOutboxAndNotices';
import { ChainEventsAndPublishRounds1795571127427 } from './1795571127427-ChainEventsAndPublishRounds';
import { IndexRoundMembersByMunicipality1795600000000 } from './1795600000000-IndexRoundMembersByMunicipality';
import { GuardTheAuditTrail1795700000000 } from './1795700000000-GuardTheAuditTrail';
import { KeyPeopleByIssuer1795700001000 } from './1795700001000-KeyPeopleByIssuer';
import { RevocableCalendarFeeds1795700002000 } from './1795700002000-RevocableCalendarFeeds';
import { RecordedTimesFromTheClock1795700003000 } from './1795700003000-RecordedTimesFromTheClock';
import { KeepEachChainsHead1795800000000 } from './1795800000000-KeepEachChainsHead';
import { IndexWhatTheJobsLookUp1795800001000 } from './1795800001000-IndexWhatTheJobsLookUp';
import { IndexTheHotPaths1795800002000 } from './1795800002000-IndexTheHotPaths';
import { IndexTheListsByTheirOrder1795800003000 } from './1795800003000-IndexTheListsByTheirOrder';
import { FreezeMemberWeightsForMajorities1795900001000 } from './1795900001000-FreezeMemberWeightsForMajorities';
import { DateMemberships1795900002000 } from './1795900002000-DateMemberships';
import { DigestNotices1795900003000 } from './1795900003000-DigestNotices';
import { ChooseEmailForEachKindOfNotice1795900004000 } from './1795900004000-ChooseEmailForEachKindOfNotice';

// Every migration, in order. Listed by hand so that bundled builds find them without globbing.
export const MIGRATIONS = [
  CreateCouncils1795565976199,
  CreateRounds1795566949780,
  CreateOutboxAndNotices1795567762005,
  ChainEventsAndPublishRounds1795571127427,
  IndexRoundMembersByMunicipality1795600000000,
  GuardTheAuditTrail1795700000000,
  KeyPeopleByIssuer1795700001000,
  RevocableCalendarFeeds1795700002000,
  RecordedTimesFromTheClock1795700003000,
  KeepEachChainsHead1795800000000,
  IndexWhatTheJobsLookUp1795800001000,
  IndexTheHotPaths1795800002000,
  IndexTheListsByTheirOrder1795800003000,
  FreezeMemberWeightsForMajorities1795900001000,
  DateMemberships1795900002000,
  DigestNotices1795900003000,
  ChooseEmailForEachKindOfNotice1795900004000,
];
