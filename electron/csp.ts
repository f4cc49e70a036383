/**
 * The Content-Security-Policy of the window, sent as a header with every app:// response
 * (main.ts) and by the browser test harness, so the UI tests run under the same policy.
 * Scripts only from the app itself, no network at all (the renderer talks to main through
 * the preload bridge only), no frames, no forms, no <base>. `style-src 'unsafe-inline'` is
 * needed because the component kit (Fluent UI, through Griffel) injects its styles at run
 * time in <style> elements. Not a <meta> tag: that would also block Vite's dev server.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
