import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { ApiProblem } from './api/client';
import { AppLayout } from './components/app-layout';
import { RequireSignIn } from './components/require-sign-in';
import { HomePage, SigningIn } from './features/home/home.page';
import { NotFoundPage } from './features/not-found.page';
import { LanguageProvider } from './i18n/i18n';

// Each feature is a chunk of its own: the first page a person opens loads only what it shows.
export const router = createBrowserRouter([
  {
    Component: AppLayout,
    children: [
      { index: true, Component: HomePage },
      // Only a wait: the session takes the person on to where they were (a page of its own would race it).
      { path: 'auth/callback', Component: SigningIn },
      {
        Component: RequireSignIn,
        children: [
          { path: 'councils/:slug', lazy: async () => ({ Component: (await import('./features/dashboard/dashboard.page')).DashboardPage }) },
          { path: 'councils/:slug/members', lazy: async () => ({ Component: (await import('./features/members/members.page')).MembersPage }) },
          { path: 'councils/:slug/launch', lazy: async () => ({ Component: (await import('./features/launch/launch.page')).LaunchPage }) },
          { path: 'rounds/:id', lazy: async () => ({ Component: (await import('./features/round/round.page')).RoundPage }) },
          { path: 'municipalities/:number', lazy: async () => ({ Component: (await import('./features/inbox/inbox.page')).InboxPage }) },
          { path: 'settings', lazy: async () => ({ Component: (await import('./features/settings/settings.page')).SettingsPage }) },
          { path: 'notices', lazy: async () => ({ Component: (await import('./features/notices/notices.page')).NoticesPage }) },
        ],
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal will not change by asking again; a dropped connection may.
      retry: (failures, error) => !(error instanceof ApiProblem && error.status < 500) && failures < 2,
    },
  },
});

export function App() {
  return (
    <LanguageProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </LanguageProvider>
  );
}
