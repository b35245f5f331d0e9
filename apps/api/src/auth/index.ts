export { Actor } from '@app/identity';
export { AuthModule } from './auth.module';
export type { AuthenticatedRequest } from './authenticated-request';
export { CurrentActor } from './current-actor.decorator';
export { forbidden } from './forbidden.problem';
export { Public } from './public.decorator';
