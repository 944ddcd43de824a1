import { z } from 'zod';
import './zod-config';

/** The largest value of a PostgreSQL integer column (ids, counts): 2^31 - 1. */
export const MAX_INT32 = 2_147_483_647;

/** MAX_INT32 as a person reads it in a message: 2,147,483,647. */
export const MAX_INT32_TEXT = MAX_INT32.toLocaleString('en-US');

// C0 controls (NUL, tab, newline, ...), DEL and C1 controls: PostgreSQL refuses NUL in text and none belongs in a name or a filter.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** True when `value` holds a NUL or another control character. */
export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/** A single-line text value: no NUL, no control character, at most `max` characters. `what` names it in the messages ("The country"). */
export function plainText(what: string, max: number) {
  return z
    .string()
    .max(max, `${what} is longer than ${max} characters.`)
    .refine((value) => !hasControlCharacter(value), `${what} contains a control character (such as NUL or a line break); remove it.`);
}

/** A database id from a form or a URL: a whole number from 1 to 2^31 - 1. */
export function databaseId(message: string) {
  return z.coerce.number({ error: message }).int(message).min(1, message).max(MAX_INT32, message);
}
