import { expect, test } from 'vitest';
import { appOrigins, checkSameOrigin, checkSameOriginWithEnv, readSameOriginSettings, SameOriginSettingError } from './same-origin';

const local = readSameOriginSettings({});
const request = (method: string, headers: Record<string, string>, url = 'http://127.0.0.1:3000/api/uploads') => ({ method, url, headers: new Headers(headers) });

test.each([
  ['GET without any header', request('GET', {}), true],
  ['HEAD without any header', request('HEAD', {}), true],
  ['POST from the app itself (Origin)', request('POST', { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), true],
  ['POST the browser marks same-origin', request('POST', { host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }), true],
  ['POST without an Origin header', request('POST', { host: '127.0.0.1:3000' }), false],
  ['POST from another port on the same host', request('POST', { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-site' }), false],
  ['POST from another site', request('POST', { host: '127.0.0.1:3000', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), false],
  ['POST from an opaque origin', request('POST', { host: '127.0.0.1:3000', origin: 'null' }), false],
  ['POST over https from an http page', request('POST', { host: '127.0.0.1:3000', origin: 'https://127.0.0.1:3000' }), false],
  ['DELETE without an Origin header', request('DELETE', { host: '127.0.0.1:3000' }), false],
  ['PUT from the app itself', request('PUT', { host: 'localhost:3000', origin: 'http://localhost:3000' }), true],
  ['POST with a forged Host-less request', request('POST', { origin: 'http://127.0.0.1:3000' }), false],
])('%s: allowed %j', (_name, req, allowed) => {
  expect(checkSameOrigin(req, local).allowed).toBe(allowed);
});

test('a refusal says what happened and what to do', () => {
  const decision = checkSameOrigin(request('POST', { host: '127.0.0.1:3000' }), local);
  expect(decision).toEqual({
    allowed: false,
    message:
      'Refused: Segmenta accepts changes only from its own pages, and this came from a request without an Origin header. Open Segmenta in the browser and make the change there. If Segmenta runs behind a reverse proxy, set SEGMENTA_ORIGIN to the address users open (or SEGMENTA_TRUST_PROXY=1).',
  });
});

test('SEGMENTA_ORIGIN lists the public origins, normalised; the Host header no longer decides', () => {
  const settings = readSameOriginSettings({ SEGMENTA_ORIGIN: ' https://Segmenta.example.com/ , http://10.0.0.5:8080' });
  expect(settings).toEqual({ origins: ['https://segmenta.example.com', 'http://10.0.0.5:8080'], trustProxy: false });
  const behind = (origin: string) => request('POST', { host: '127.0.0.1:3000', origin });
  expect(checkSameOrigin(behind('https://segmenta.example.com'), settings).allowed).toBe(true);
  expect(checkSameOrigin(behind('http://10.0.0.5:8080'), settings).allowed).toBe(true);
  expect(checkSameOrigin(behind('http://127.0.0.1:3000'), settings).allowed).toBe(false);
  expect(() => readSameOriginSettings({ SEGMENTA_ORIGIN: 'segmenta.example.com' })).toThrow(SameOriginSettingError);
});

test('forwarded host and scheme count only when SEGMENTA_TRUST_PROXY=1', () => {
  const forwarded = { host: '127.0.0.1:3000', 'x-forwarded-host': 'segmenta.example.com', 'x-forwarded-proto': 'https', origin: 'https://segmenta.example.com' };
  expect(appOrigins(request('POST', forwarded), local)).toEqual(['http://127.0.0.1:3000']);
  expect(checkSameOrigin(request('POST', forwarded), local).allowed).toBe(false);
  const trusting = readSameOriginSettings({ SEGMENTA_TRUST_PROXY: '1' });
  expect(appOrigins(request('POST', forwarded), trusting)).toEqual(['https://segmenta.example.com']);
  expect(checkSameOrigin(request('POST', forwarded), trusting).allowed).toBe(true);
});

test('a malformed SEGMENTA_ORIGIN refuses writes with its own message, and lets reads through', () => {
  const env = { SEGMENTA_ORIGIN: 'segmenta.example.com' };
  expect(checkSameOriginWithEnv(request('POST', { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), env)).toEqual({
    allowed: false,
    message: 'SEGMENTA_ORIGIN must list the addresses users open Segmenta at, comma-separated, such as https://segmenta.example.com; "segmenta.example.com" is not one.',
  });
  expect(checkSameOriginWithEnv(request('GET', {}), env)).toEqual({ allowed: true });
});
