import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@app/config';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { ProblemException } from '../problem-details/problem';
import { AuthConfigResponse } from './auth-config.response';
import { Public } from './public.decorator';

// The api reads nothing but the access token; the ID token's name and e-mail are for the web app.
const SIGN_IN_SCOPE = 'openid profile email';

@ApiTags('identity')
@Public()
@Controller('auth')
export class AuthConfigController {
  constructor(private readonly config: AppConfig) {}

  // Public: the web app asks before anyone has signed in, to know where to send them.
  @Get('config')
  @ApiOperation({ summary: 'Where the web app signs people in: the identity provider’s issuer and the web app’s client id' })
  @ApiOkResponse({ type: AuthConfigResponse })
  @ApiProblems(404)
  signInSettings(): AuthConfigResponse {
    const signIn = this.config.signIn;
    if (!signIn) {
      throw ProblemException.of(
        404,
        'sign-in-not-configured',
        'Not Found',
        'Sign-in is not configured: set OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL and OIDC_CLIENT_ID.',
      );
    }
    return { issuer: signIn.issuer, clientId: signIn.clientId, scope: SIGN_IN_SCOPE };
  }
}
