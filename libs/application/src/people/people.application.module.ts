import { Module } from '@nestjs/common';
import { People } from './people';

/** Who the product knows: remembered at sign-in, with their own settings. */
@Module({ providers: [People], exports: [People] })
export class PeopleApplicationModule {}
