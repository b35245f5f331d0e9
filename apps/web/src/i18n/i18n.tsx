import { ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';

/** The written standards the interface speaks: bokmål by default, nynorsk and English on choice. */
export type Language = 'nb' | 'nn' | 'en';
export const LANGUAGES: readonly Language[] = ['nb', 'nn', 'en'];

/** One feature's texts: bokmål defines the keys, nynorsk and English must give every one. */
export type MessageSet<K extends string> = { nb: Record<K, string>; nn: Record<K, string>; en: Record<K, string> };

export function defineMessages<K extends string>(messages: MessageSet<K>): MessageSet<K> {
  return messages;
}

/** Fills `{name}` placeholders; a missing value shows the placeholder, so a gap is visible rather than silent. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

const STORAGE_KEY = 'vedtaksrunde.language';

interface LanguageContextValue {
  language: Language;
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageContextValue>({ language: 'nb', setLanguage: () => undefined });

function storedLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return LANGUAGES.includes(stored as Language) ? (stored as Language) : 'nb';
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  useEffect(() => {
    // Screen readers pick their voice from the page's language.
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageContextValue {
  return useContext(LanguageContext);
}

/** `t('key', { name })` in the person's language. */
export function useMessages<K extends string>(messages: MessageSet<K>): (key: K, values?: Record<string, string | number>) => string {
  const { language } = useLanguage();
  return useCallback((key: K, values?: Record<string, string | number>) => format(messages[language][key], values), [messages, language]);
}
