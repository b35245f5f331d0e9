import { CreateCouncils1795565976199 } from './1795565976199-CreateCouncils';
import { CreateRounds1795566949780 } from './1795566949780-CreateRounds';
import { CreateOutboxAndNotices1795567762005 } from './1795567762005-CreateOutboxAndNotices';
import { ChainEventsAndPublishRounds1795571127427 } from './1795571127427-ChainEventsAndPublishRounds';
import { IndexRoundMembersByMunicipality1795600000000 } from './1795600000000-IndexRoundMembersByMunicipality';

// Every migration, in order. Listed by hand so that bundled builds find them without globbing.
export const MIGRATIONS = [
  CreateCouncils1795565976199,
  CreateRounds1795566949780,
  CreateOutboxAndNotices1795567762005,
  ChainEventsAndPublishRounds1795571127427,
  IndexRoundMembersByMunicipality1795600000000,
];
