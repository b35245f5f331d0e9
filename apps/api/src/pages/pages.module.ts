import { Module } from '@nestjs/common';
import { PagesController } from './pages.controller';

/** Read-only pages for people who follow a link from a notice. */
@Module({ controllers: [PagesController] })
export class PagesModule {}
