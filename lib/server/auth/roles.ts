// Who may do what. Pure (no server-only): the pages, the actions, the route handlers and the
// coverage test all read this one table.

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'Viewer: sees every page and exports customers',
  analyst: 'Analyst: a viewer who also uploads, re-runs analyses and saves or deletes audiences',
  admin: 'Admin: an analyst who also manages users and deletes datasets',
};

/** True when `role` includes everything `needed` may do (admin > analyst > viewer). */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** A stored role as one of ROLES; anything unknown counts as the least, viewer. */
export function parseRole(value: unknown): Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value) ? (value as Role) : 'viewer';
}

/** The signed-in person (or the local user when sign-in is off), as pages and actions see it. */
export interface CurrentUser {
  /** Null for the local user. */
  id: string | null;
  email: string | null;
  name: string;
  role: Role;
  /** Sign-in is off: the server listens on this machine only, and its one user is an admin. */
  local: boolean;
  /** When the signed-in session ends (ms since the epoch); absent for the local user. */
  sessionExpiresAt?: number;
}

export const LOCAL_USER: CurrentUser = { id: null, email: null, name: 'Local user', role: 'admin', local: true };

/** What the export log and the run list record as the person who acted. */
export function actorLabel(user: CurrentUser): string {
  return user.local ? 'local user' : (user.email ?? user.name);
}

/** The message for a signed-in user who lacks `needed`. */
export function forbiddenMessage(needed: Role): string {
  return `This needs the ${needed} role. Ask an admin to give it to you.`;
}

export const SIGN_IN_MESSAGE = 'Sign in first: your session has ended or you are not signed in.';
