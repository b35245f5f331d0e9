export * from './demo-council';
export * from './demo-story';
export * from './demo-tokens';
export * from './demo-users';
export * from './seed-demo';
export * from './seed-demo-alliance';
export * from './seed-demo-rounds';
