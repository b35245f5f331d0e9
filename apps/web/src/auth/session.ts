import { InMemoryWebStorage, User, UserManager, WebStorageStateStore } from 'oidc-client-ts';

/** Where the identity provider is, as the api tells it (`GET /api/auth/config`). */
export interface SignInSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

export type SessionStatus = 'starting' | 'signed-out' | 'signed-in' | 'expired' | 'unavailable';

export interface SessionState {
  status: SessionStatus;
  user: User | null;
}

/** Where a person was when they were sent to sign in, so they come back to it. */
interface ReturnState {
  returnTo: string;
}

const CALLBACK_PATH = '/auth/callback';
const SILENT_PATH = '/auth/silent';

/**
 * The signed-in person, kept in memory only: the tokens never touch localStorage or
 * sessionStorage, so a script injected into the page finds nothing stored to steal. A reload
 * signs in again silently while the identity provider's own session lasts.
 */
export class Session {
  private state: SessionState = { status: 'starting', user: null };
  private readonly listeners = new Set<() => void>();
  private manager: UserManager | null = null;
  private renewal: Promise<User | null> | null = null;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): SessionState => this.state;

  accessToken(): string | null {
    return this.state.user && !this.state.user.expired ? this.state.user.access_token : null;
  }

  /** Starts the session: finishes a sign-in coming back from the provider, or tries a silent one. */
  async start(settings: SignInSettings | null, navigate: (path: string) => void): Promise<void> {
    if (!settings) {
      this.set({ status: 'unavailable', user: null });
      return;
    }
    const manager = this.managerFor(settings);
    if (window.location.pathname === CALLBACK_PATH) {
      try {
        const user = await manager.signinRedirectCallback();
        this.set({ status: 'signed-in', user });
        navigate((user.state as ReturnState | undefined)?.returnTo ?? '/');
      } catch {
        this.set({ status: 'signed-out', user: null });
        navigate('/');
      }
      return;
    }
    const user = await this.silently();
    this.set(user ? { status: 'signed-in', user } : { status: 'signed-out', user: null });
  }

  /** Sends the person to the identity provider; they come back to where they are now. */
  async signIn(returnTo = currentPath()): Promise<void> {
    await this.manager?.signinRedirect({ state: { returnTo } satisfies ReturnState });
  }

  async signOut(): Promise<void> {
    const manager = this.manager;
    this.set({ status: 'signed-out', user: null });
    sessionStorage.clear();
    await manager?.signoutRedirect();
  }

  /**
   * The api refused the token: renew it silently once (several refusals at once share one
   * renewal); when that fails too, the session has ended and the person is asked to sign in.
   */
  async renewAfterRefusal(): Promise<string | null> {
    if (!this.renewal) {
      this.renewal = this.silently().finally(() => {
        this.renewal = null;
      });
    }
    const user = await this.renewal;
    if (user) {
      this.set({ status: 'signed-in', user });
      return user.access_token;
    }
    if (this.state.status === 'signed-in') this.set({ status: 'expired', user: this.state.user });
    return null;
  }

  private async silently(): Promise<User | null> {
    try {
      return (await this.manager?.signinSilent()) ?? null;
    } catch {
      return null;
    }
  }

  private managerFor(settings: SignInSettings): UserManager {
    const origin = window.location.origin;
    this.manager = new UserManager({
      authority: settings.issuer,
      client_id: settings.clientId,
      scope: settings.scope,
      response_type: 'code',
      redirect_uri: `${origin}${CALLBACK_PATH}`,
      silent_redirect_uri: `${origin}${SILENT_PATH}`,
      post_logout_redirect_uri: `${origin}/`,
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      // The PKCE verifier and state must survive the redirect; they are not tokens.
      stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: true,
      silentRequestTimeoutInSeconds: 5,
    });
    this.manager.events.addUserLoaded((user) => this.set({ status: 'signed-in', user }));
    this.manager.events.addAccessTokenExpired(() => {
      if (this.state.status === 'signed-in') void this.renewAfterRefusal();
    });
    return this.manager;
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

export const session = new Session();
