// The rules of DOMAIN.md: plain TypeScript, no framework, no I/O, no clock.
export * from './domain-error';
export * from './money';
export * from './municipality';
export * from './allocation';
export * from './decision-rule';
export * from './member-decision.state-machine';
export * from './round.state-machine';
export * from './legal-minimum';
export * from './calendar';
export * from './round-forecast';
export * from './in-force';
export * from './agreement-changes';
export * from './membership';
