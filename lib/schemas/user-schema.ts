import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../server/auth/password-rules';
import { ROLES } from '../server/auth/roles';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'An e-mail address is at most 254 characters.')
  .pipe(z.email({ error: 'Enter an e-mail address such as name@example.com.' }));
const name = z.string().trim().min(1, 'Enter a name.').max(100, 'A name is at most 100 characters.');
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `A password has at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(256, 'A password is at most 256 characters.');
const role = z.enum(ROLES, { error: 'Choose viewer, analyst or admin.' });
const userId = z.string().trim().min(1, 'Choose a user.').max(100, 'Choose a user.');

/** The "Add a user" form on /users. */
export const newUserSchema = z.object({ email, name, password, role });

/** "Change role" on /users. */
export const userRoleSchema = z.object({ userId, role });

/** "Remove" on /users. */
export const removeUserSchema = z.object({ userId });

/** The one-time /setup form. */
export const firstAdminSchema = z.object({
  email,
  name,
  password,
  code: z.string().trim().min(1, 'Enter the setup code from the server log.').max(64, 'Enter the setup code from the server log.'),
});
