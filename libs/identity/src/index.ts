export * from './claims';
export * from './local-token';
export * from './actor';
export * from './claims.parser';
export * from './invalid-token.error';
export * from './token-verifier';
export * from './feed-token';
