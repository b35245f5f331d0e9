import { UserManager } from 'oidc-client-ts';

// The page inside the hidden frame of a silent sign-in: it hands the provider's answer to the app
// and stops. A page of its own, so the frame loads only this, not the whole app.
void new UserManager({ authority: window.location.origin, client_id: 'silent', redirect_uri: window.location.href }).signinSilentCallback();
