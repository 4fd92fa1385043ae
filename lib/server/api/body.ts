// Reads a JSON body without ever buffering more than `maxBytes`: an oversize body is
// refused from its Content-Length, or as soon as the stream passes the limit.
import { ApiError } from "./errors";

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new ApiError("payload_too_large", `The request body exceeds ${Math.round(maxBytes / 1024)} KB`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const type = request.headers.get("content-type");
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type) && !/^text\/plain\b/i.test(type)) {
    throw new ApiError("unsupported_media_type", "Send the body as application/json");
  }
  if (!request.body) throw new ApiError("invalid_request", "The request body is empty");

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError("invalid_request", "The request body is not valid UTF-8");
  }
  if (!text.trim()) throw new ApiError("invalid_request", "The request body is empty");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_request", "The request body is not valid JSON");
  }
}
