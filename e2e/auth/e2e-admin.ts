/** The admin the sign-in-required server creates at its first start (playwright.config.ts). */
export const E2E_ADMIN = { email: 'admin@example.com', password: 'e2e admin password' };
