// Page sizes shared by server renders and the client components that continue them.
export const USERS_PAGE_SIZE = 25;
export const TIMELINE_PAGE_SIZE = 25;

export function userHref(userId: string): string {
  return `/users/${encodeURIComponent(userId)}`;
}
