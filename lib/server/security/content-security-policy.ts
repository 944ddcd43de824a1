/**
 * The Content-Security-Policy of every page, with this request's nonce: scripts only from the
 * app's own files and Next's inline scripts carrying the nonce ('strict-dynamic' lets those load
 * the chunks they need); nothing framed, posted or fetched elsewhere.
 *
 * Styles keep 'unsafe-inline': Recharts and the heatmaps set `style` attributes (sizes, colours)
 * that no nonce can cover, and a style cannot run code. A nonce in style-src would switch
 * 'unsafe-inline' off, so there is none.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    "default-src 'self'",
    // React uses eval for its error overlay in `next dev` only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
