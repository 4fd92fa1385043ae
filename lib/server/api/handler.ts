// The one wrapper every /api route uses: database handle, authentication, body and
// query parsing with zod, and error mapping. Route files only describe and delegate.
import type { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { authenticate, type Access, type Caller } from "../auth/request-auth";
import { db } from "../db";
import { readJsonBody, unstorableReason } from "./body";
import { withCors } from "./cors";
import { ApiError, errorResponse, type ErrorDetail } from "./errors";
import { takeRequestToken } from "./rate-limit";

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
  const respond = async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const now = new Date();
      const prisma = await db();
      const caller = await authenticate(prisma, request, options.access, now);
      // Limited per application key; the dashboard is exempt so that a flood from an
      // app's own servers never locks its admins out of the controls to stop it.
      if (caller.via !== "session") takeRequestToken(caller.app.id);
      const params = Object.fromEntries(
        Object.entries((await context?.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]),
      );
      const search = Object.fromEntries(new URL(request.url).searchParams);
      assertStorable(params, search);
      const query = options.query ? options.query.parse(search) : undefined;
      // A body schema that accepts undefined makes the whole body optional (check, backtest).
      const body = options.body
        ? options.body.parse(await readJsonBody(request, options.maxBodyBytes ?? DEFAULT_MAX_BODY, options.body.safeParse(undefined).success))
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
  // Routes the browser SDK calls answer other origins too, errors included, so that a
  // page can read a 400's details or a 429's Retry-After.
  if (options.access !== "app") return respond;
  return async (request: Request, context?: RouteContext) => withCors(await respond(request, context));
}

// Path and query values reach SQL as text, which cannot hold U+0000.
function assertStorable(params: Record<string, string>, search: Record<string, string>) {
  const details: ErrorDetail[] = [];
  for (const [kind, values] of [["path", params], ["query", search]] as const) {
    for (const [name, value] of Object.entries(values)) {
      const reason = unstorableReason(value);
      if (reason) details.push({ path: name, message: `The ${kind} parameter ${reason}` });
    }
  }
  if (details.length) throw new ApiError("invalid_request", "The request has parameters that cannot be stored", details);
}

export { ApiError };
