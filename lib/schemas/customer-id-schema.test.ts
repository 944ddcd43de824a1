import { expect, test } from 'vitest';
import { customerIdSchema } from './customer-id-schema';

test.each([
  ['12347', '12347'],
  ['a%20b', 'a b'],
  ['%3Cimg%20src%3Dx%3E', '<img src=x>'],
  ['M%C3%BCller', 'Müller'],
  ['%00', null],
  ['a%0Ab', null],
  ['%E0%A4%A', null],
  ['', null],
  ['x'.repeat(1001), null],
])('the path segment %j reads as the customer id %j', (segment, expected) => {
  const parsed = customerIdSchema.safeParse(segment);
  expect(parsed.success ? parsed.data : null).toBe(expected);
});
