import { useSyncExternalStore } from 'react';
import { SessionState, session } from './session';

/** The session as React sees it; re-renders when the person signs in, out or the session ends. */
export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.snapshot);
}
