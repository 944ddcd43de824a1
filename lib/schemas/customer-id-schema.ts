import { z } from 'zod';
import './zod-config';
import { plainText } from './text-rules';

/**
 * A customer id in a URL (/customers/<id>), as Next hands over the path segment (still
 * percent-encoded): decoded once, 1 to 1,000 characters, no NUL or control character. A
 * malformed one names no customer, so the page answers 404.
 */
export const customerIdSchema = z
  .string()
  .transform((segment, ctx) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'The customer id in the address is not validly encoded.' });
      return z.NEVER;
    }
  })
  .pipe(plainText('The customer id', 1000).min(1, 'The customer id is empty.'));
