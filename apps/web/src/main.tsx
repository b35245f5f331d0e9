import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api/client';
import { App, router } from './app';
import { session } from './auth/session';

async function start(): Promise<void> {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  const { data: settings } = await api.GET('/api/auth/config');
  await session.start(settings ?? null, (path) => void router.navigate(path, { replace: true }));
}

void start();
