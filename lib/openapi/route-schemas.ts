// The few request schemas that routes declare inline instead of exporting. Each is a
// copy of the route's own; openapi.test.ts captures what every route passes to apiRoute
// and fails when a copy and its route drift apart. (Exporting these from lib/server
// would let this file import them instead.)
import { z } from "zod";

// app/api/v1/users/route.ts
export const userSearchQuery = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

// app/api/v1/users/[userId]/events/route.ts
export const userEventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});

// app/api/v1/channels/[channel]/test/route.ts
export const channelTestBody = z.object({
  userId: z.string().min(1).max(200),
  title: z.string().max(500).optional(),
  subject: z.string().max(500).optional(),
  body: z.string().min(1).max(20_000).optional(),
});
