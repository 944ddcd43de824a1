import { expect, test } from 'vitest';
import { contentSecurityPolicy, createNonce } from './content-security-policy';

test('the policy allows scripts only with the nonce, frames nothing, and keeps inline styles without a nonce', () => {
  const policy = contentSecurityPolicy('abc123==');
  const directives = Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  expect(directives['script-src']).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
  expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  expect(directives['frame-ancestors']).toEqual(["'none'"]);
  expect(directives['object-src']).toEqual(["'none'"]);
  expect(directives['form-action']).toEqual(["'self'"]);
  expect(policy).not.toContain('unsafe-eval');
  expect(contentSecurityPolicy('n', { development: true })).toContain("'unsafe-eval'");
});

test('nonces are fresh and carry 128 bits', () => {
  const nonces = new Set(Array.from({ length: 100 }, createNonce));
  expect(nonces.size).toBe(100);
  for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
});
