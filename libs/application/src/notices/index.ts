export * from './mailer';
export * from './my-notices/my-notices.handler';
export * from './notice';
export * from './notice-texts';
export * from './notices.application.module';
export * from './notifier';
export * from './recipients';
export * from './send-mail.handler';
