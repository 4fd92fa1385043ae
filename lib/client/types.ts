// Response shapes of the API routes the dashboard calls (see /api/v1 and /api/dashboard).

export type AppSummary = { id: string; name: string; key: string; createdAt: string };
export type AppsResponse = { apps: AppSummary[]; currentAppId: string };
export type AppCredentials = { key: string; secret: string; masterSecret: string };
export type CreateAppResponse = { app: AppSummary; credentials: AppCredentials };
export type SecretKind = "secret" | "masterSecret";
export type RotateResponse = { which: SecretKind; value: string };

export type UserRecord = {
  id: string;
  userId: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string;
};
export type UsersResponse = { total: number; users: UserRecord[] };

export type EventRecord = {
  id: string;
  userId: string;
  event: string;
  data: Record<string, unknown>;
  timestamp: string;
  receivedAt: string;
};
export type EventsPage = { events: EventRecord[]; nextCursor: string | null };
