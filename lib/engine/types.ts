// Plain records the engine reasons about. The server maps its database rows onto
// these, so the engine never sees Prisma types.

export type EventRecord = {
  id: string;
  event: string;
  userId: string;
  data: Record<string, unknown>;
  timestamp: Date;
};

export type UserRecord = {
  id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  attributes: Record<string, unknown>;
};

export type AppRecord = { id: string; name: string };
