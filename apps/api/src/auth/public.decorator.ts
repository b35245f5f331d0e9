import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';

/**
 * Lets a controller or route through without a bearer token. Every route needs a token unless
 * it says otherwise, so a new controller that forgets to decide is closed, not open.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
