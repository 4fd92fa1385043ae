// The one wrapper every /api route uses: database handle, authentication, body and
// query parsing with zod, and error mapping. Route files only describe and delegate.
import type { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { authenticate, type Access, type Caller } from "../auth/request-auth";
import { db } from "../db";
import { readJsonBody } from "./body";
import { ApiError, errorResponse } from "./errors";

export const DEFAULT_MAX_BODY = 512 * 1024;

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type Handler<B, Q> = (input: {
  request: Request;
  prisma: PrismaClient;
  caller: Caller;
  params: Record<string, string>;
  body: B;
  query: Q;
  now: Date;
}) => Promise<Response | unknown>;

type Options<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> = {
  access: Access;
  body?: B;
  query?: Q;
  maxBodyBytes?: number;
  status?: number;
};

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
  options: Options<B, Q>,
  handler: Handler<Infer<B>, Infer<Q>>,
) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const now = new Date();
      const prisma = await db();
      const caller = await authenticate(prisma, request, options.access, now);
      const params = Object.fromEntries(
        Object.entries((await context?.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]),
      );
      const query = options.query
        ? options.query.parse(Object.fromEntries(new URL(request.url).searchParams))
        : undefined;
      const body = options.body
        ? options.body.parse(await readJsonBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY))
        : undefined;
      const result = await handler({
        request,
        prisma,
        caller,
        params,
        body: body as Infer<B>,
        query: query as Infer<Q>,
        now,
      });
      if (result instanceof Response) return result;
      return Response.json(result, { status: options.status ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export { ApiError };
