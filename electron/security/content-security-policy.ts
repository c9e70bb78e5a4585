// The renderer loads only its own bundle: no inline script, no remote content, no eval.
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent UI (Griffel) injects its atomic CSS as <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
