/** What the /users forms show after an action. */
export type UserActionState = { status: 'idle' } | { status: 'done'; message: string } | { status: 'error'; message: string };
