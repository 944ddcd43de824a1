import { describe, expect, test } from 'vitest';
import { actorLabel, hasRole, LOCAL_USER, parseRole, type Role } from './roles';

describe('hasRole', () => {
  test.each<[Role, Role, boolean]>([
    ['viewer', 'viewer', true],
    ['viewer', 'analyst', false],
    ['viewer', 'admin', false],
    ['analyst', 'viewer', true],
    ['analyst', 'analyst', true],
    ['analyst', 'admin', false],
    ['admin', 'viewer', true],
    ['admin', 'analyst', true],
    ['admin', 'admin', true],
  ])('%s has %s: %s', (role, needed, expected) => {
    expect(hasRole(role, needed)).toBe(expected);
  });
});

describe('parseRole', () => {
  test.each<[unknown, Role]>([
    ['admin', 'admin'],
    ['analyst', 'analyst'],
    ['viewer', 'viewer'],
    ['user', 'viewer'],
    ['Admin', 'viewer'],
    [null, 'viewer'],
    ['admin,analyst', 'viewer'],
  ])('%j reads as %s', (stored, role) => {
    expect(parseRole(stored)).toBe(role);
  });
});

test('the export log and run list name the local user, else the e-mail address', () => {
  expect(actorLabel(LOCAL_USER)).toBe('local user');
  expect(actorLabel({ id: 'u1', email: 'ana@example.com', name: 'Ana', role: 'viewer', local: false })).toBe('ana@example.com');
});
