import { CreateCouncils1795565976199 } from './1795565976199-CreateCouncils';

// Every migration, in order. Listed by hand so that bundled builds find them without globbing.
export const MIGRATIONS = [CreateCouncils1795565976199];
