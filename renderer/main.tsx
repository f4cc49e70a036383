/** Entry point: i18n first, then the themed app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { ThemeProvider } from './theme';
import { App } from './App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ThemeProvider>
        <App />
      </ThemeProvider>
    </StrictMode>,
  );
}
