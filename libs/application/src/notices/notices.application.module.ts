import { Module } from '@nestjs/common';
import { Mailer } from './mailer';
import { MyNoticesHandler } from './my-notices/my-notices.handler';
import { Notifier } from './notifier';
import { SendMailHandler } from './send-mail.handler';

const PROVIDERS = [Notifier, SendMailHandler, Mailer, MyNoticesHandler];

/**
 * Notices: writing them (Notifier, in the caller's transaction), sending their e-mail
 * (SendMailHandler, a job of the worker) and reading one's own inbox (MyNoticesHandler).
 */
@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class NoticesApplicationModule {}
