export * from './dashboard/council-dashboard.handler';
export * from './inbox/municipality-inbox.handler';
export * from './views.application.module';
