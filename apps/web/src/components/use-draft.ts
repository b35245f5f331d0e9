import { Dispatch, SetStateAction, useEffect, useState } from 'react';

/**
 * Form state that outlives the page: kept in this tab's sessionStorage while typed, so an ended
 * session (sign in again, come back) or a reload loses nothing. Never holds tokens.
 */
export function useDraft<T>(key: string, initial: T): [T, Dispatch<SetStateAction<T>>, () => void] {
  const storageKey = `vedtaksrunde.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    const stored = sessionStorage.getItem(storageKey);
    if (stored === null) return initial;
    try {
      return { ...initial, ...(JSON.parse(stored) as T) };
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    sessionStorage.setItem(storageKey, JSON.stringify(value));
  }, [storageKey, value]);
  const discard = () => {
    sessionStorage.removeItem(storageKey);
    setValue(initial);
  };
  return [value, setValue, discard];
}
