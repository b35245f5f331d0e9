export * from './claims';
export * from './local-token';
