/** Entry point: i18n first (the browser's language's catalogue loaded), then the themed app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ready } from './i18n';
import { ThemeProvider } from './theme';
import { App } from './App';

const root = document.getElementById('root');
if (root) {
  void ready.then(() =>
    createRoot(root).render(
      <StrictMode>
        <ThemeProvider>
          <App />
        </ThemeProvider>
      </StrictMode>,
    ),
  );
}
