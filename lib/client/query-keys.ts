// Every TanStack Query key in one place, so invalidation after a mutation can name them.
export const queryKeys = {
  apps: ["apps"] as const,
  users: {
    all: ["users"] as const,
    list: (params: { q: string; limit: number; offset: number }) => ["users", "list", params] as const,
    events: (userId: string) => ["users", "events", userId] as const,
  },
};
