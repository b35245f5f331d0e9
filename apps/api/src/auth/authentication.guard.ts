import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { People } from '@app/application';
import { IdentityProviderUnavailableError, InvalidTokenError, TokenVerifier } from '@app/identity';
import { ProblemException } from '../problem-details/problem';
import { AuthenticatedRequest } from './authenticated-request';
import { bearerTokenOf, verifyOnce } from './bearer-token';
import { IS_PUBLIC } from './public.decorator';

/**
 * Registered as APP_GUARD: every route needs `Authorization: Bearer <JWT>` unless marked
 * @Public(). Answers 401 problem+json with the RFC 6750 challenge so clients know to sign in.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly people: People,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const token = bearerTokenOf(request);
    if (token === null) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw ProblemException.of(401, 'unauthenticated', 'Unauthorized', 'Sign in: send Authorization: Bearer <token>');
    }
    try {
      request.actor = await verifyOnce(request, this.verifier, token);
      // Whoever signs in is known from then on, with their grants: that is whom notices reach.
      await this.people.remember(request.actor);
      return true;
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        response.setHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${error.reason}"`);
        throw ProblemException.of(401, 'invalid-token', 'Unauthorized', `The bearer token was refused: ${error.reason}. Sign in again.`, {
          reason: error.reason,
        });
      }
      if (error instanceof IdentityProviderUnavailableError) {
        response.setHeader('Retry-After', '30');
        throw ProblemException.of(
          503,
          'identity-provider-unavailable',
          'Service Unavailable',
          'The identity provider’s signing keys could not be fetched, so the token cannot be checked now; try again shortly.',
        );
      }
      throw error;
    }
  }
}
