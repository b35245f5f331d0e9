import { useEffect } from 'react';

/** Names the page in the tab and for screen readers announcing a route change. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} – Vedtaksrunde`;
  }, [title]);
}
