import { z } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to; the pages' Content-Security-Policy
// forbids eval, so even its probe for eval is reported as a violation in the browser.
z.config({ jitless: true });
