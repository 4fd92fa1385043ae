// CORS for the routes a browser SDK calls with the application key and secret, so
// sdk.js works on a customer's own site, not only on Cue's origin. "*" is safe here:
// these calls authenticate with an explicit Authorization header, never with cookies
// (a browser refuses a credentialed response under "*"), and the app secret is public
// by design — it can only log events and manage the caller's own profile.
export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PUT, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type, Content-Encoding, X-Retry-Count",
  "Access-Control-Expose-Headers": "Retry-After",
  "Access-Control-Max-Age": "86400",
} as const;

export function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
  return response;
}

/** The preflight answer, exported as OPTIONS by each app-credential route. */
export function corsPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}
