export * from './amend-electorate/amend-electorate.handler';
export * from './change-round/change-round.handler';
export * from './launch-round/launch-round.handler';
export * from './read-rounds/read-rounds.handler';
export * from './register-decision/register-decision.handler';
export * from './round.view';
export * from './rounds.application.module';
export * from './status-labels';
