// For the few routes that run before anyone is signed in (sign-in, first admin):
// body parsing and error mapping as in apiRoute, without authentication.
import type { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { assertSameOrigin } from "../auth/request-auth";
import { db } from "../db";
import { readJsonBody } from "./body";
import { errorResponse } from "./errors";

export function publicRoute<B extends z.ZodType>(
  body: B,
  handler: (input: { request: Request; prisma: PrismaClient; body: z.infer<B>; now: Date }) => Promise<Response>,
) {
  return async (request: Request): Promise<Response> => {
    try {
      // No cookie is needed here, but another site must not sign a browser in (login CSRF).
      assertSameOrigin(request);
      const prisma = await db();
      const parsed = body.parse(await readJsonBody(request, 16 * 1024));
      return await handler({ request, prisma, body: parsed, now: new Date() });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
