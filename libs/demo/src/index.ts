export * from './demo-council';
export * from './demo-tokens';
export * from './demo-users';
export * from './seed-demo';
export * from './seed-demo-rounds';
