import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api/client';
import { App, router } from './app';
import { isSilentCallback, session } from './auth/session';

async function start(): Promise<void> {
  // Inside the hidden frame of a silent sign-in nothing is rendered: the answer goes to the app.
  if (await isSilentCallback()) return;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  const { data: settings } = await api.GET('/api/auth/config');
  await session.start(settings ?? null, (path) => void router.navigate(path, { replace: true }));
}

void start();
