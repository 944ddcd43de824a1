import { describe, expect, test } from 'vitest';
import { bindHostFromArgv, isLoopbackHost, signInRequired } from './auth-mode';

const node = ['/usr/bin/node', '/app/node_modules/next/dist/bin/next'];

describe('bindHostFromArgv', () => {
  test.each<[string[], string | null]>([
    [['start'], null],
    [['start', '-p', '3000', '-H', '127.0.0.1'], '127.0.0.1'],
    [['start', '--hostname', '0.0.0.0'], '0.0.0.0'],
    [['start', '--hostname=::1'], '::1'],
    [['dev', '-H'], null],
  ])('%j binds %s', (args, host) => {
    expect(bindHostFromArgv([...node, ...args])).toBe(host);
  });
});

describe('isLoopbackHost', () => {
  test.each<[string, boolean]>([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['127.0.0.1.example.com', false],
    ['localhost.example.com', false],
  ])('%s: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('signInRequired', () => {
  test.each<[Record<string, string>, string[], boolean]>([
    // npm start: scripts/next.mjs passes -H 127.0.0.1
    [{}, ['start', '-H', '127.0.0.1'], false],
    [{}, ['start', '-H', 'localhost'], false],
    // Next's own default is every interface
    [{}, ['start'], true],
    [{}, ['start', '-H', '0.0.0.0'], true],
    [{ HOST: '0.0.0.0' }, ['start', '-H', '0.0.0.0'], true],
    [{ SEGMENTA_AUTH: 'required' }, ['start', '-H', '127.0.0.1'], true],
    [{ SEGMENTA_AUTH: 'auto' }, ['start', '-H', '127.0.0.1'], false],
    // next dev's child process: the wrapper's host
    [{ SEGMENTA_INTERNAL_BIND_HOST: '127.0.0.1' }, ['/app/start-server.js'], false],
    [{ SEGMENTA_INTERNAL_BIND_HOST: '10.0.0.5' }, ['/app/start-server.js'], true],
    // the command line wins over the variable
    [{ SEGMENTA_INTERNAL_BIND_HOST: '127.0.0.1' }, ['start', '-H', '0.0.0.0'], true],
  ])('%j %j: %s', (env, args, required) => {
    expect(signInRequired(env, [...node, ...args])).toBe(required);
  });

  test('SEGMENTA_AUTH cannot turn sign-in off', () => {
    expect(() => signInRequired({ SEGMENTA_AUTH: 'off' }, [...node, 'start', '-H', '0.0.0.0'])).toThrow(/use "required", or leave it unset/);
  });
});
