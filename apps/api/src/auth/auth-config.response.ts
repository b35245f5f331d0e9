import { ApiProperty } from '@nestjs/swagger';

/** Where and how the web app signs people in: an OpenID Connect public client with PKCE. */
export class AuthConfigResponse {
  @ApiProperty({ description: 'Issuer of the identity provider; its discovery document is at `<issuer>/.well-known/openid-configuration`', example: 'https://login.example.no/realms/kommune' })
  issuer!: string;

  @ApiProperty({ description: 'The web app’s client id at the identity provider', example: 'vedtaksrunde-web' })
  clientId!: string;

  @ApiProperty({ description: 'The scopes to ask for', example: 'openid profile email' })
  scope!: string;
}
