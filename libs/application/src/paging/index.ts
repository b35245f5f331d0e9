export * from './page';
export * from './page-cursor';
