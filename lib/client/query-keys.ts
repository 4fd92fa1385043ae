// Every TanStack Query key in one place, so invalidation after a mutation can name them.
export const queryKeys = {
  apps: ["apps"] as const,
  users: {
    all: ["users"] as const,
    list: (params: { q: string; limit: number; offset: number }) => ["users", "list", params] as const,
    events: (userId: string) => ["users", "events", userId] as const,
  },
};

// Connectors and the event look-ups the canvas makes.
export const connectorKeys = {
  all: ["connectors"] as const,
  list: ["connectors", "list"] as const,
  detail: (id: string) => ["connectors", "detail", id] as const,
  stats: (id: string) => ["connectors", "stats", id] as const,
  versions: (id: string) => ["connectors", "versions", id] as const,
};

export const eventKeys = {
  names: ["events", "names"] as const,
  latest: (event: string) => ["events", "latest", event] as const,
};

// The overview's event chart: one entry per range, interval and set of names.
export const analyticsKeys = {
  events: (params: { from: string; to: string; interval: string; events: string[] }) => ["analytics", "events", params] as const,
};

export const userProfileKey = (userId: string) => ["users", "profile", userId] as const;
