// A file the room serves from memory, with the brotli and gzip copies the build wrote next to it
// (`<file>.br`, `<file>.gz`): each request gets the smallest copy its `Accept-Encoding` allows, the
// plain bytes when it allows none, and `Vary: Accept-Encoding` so a cache keeps the copies apart.
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Content codings the build writes, smallest first, with their file suffixes. */
const CODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Coding = (typeof CODINGS)[number]['name'];

/** Build-time copies' suffixes: never served as files of their own. */
export const COMPRESSED_SUFFIX = /\.(?:br|gz)$/;

export interface StaticFile {
  body: Buffer;
  /** Compressed copies by coding; empty when the build wrote none. */
  encoded: Partial<Record<Coding, Buffer>>;
  contentType: string;
  cacheControl: string;
}

/** Reads `path` and whatever compressed copies of it exist beside it. */
export function readStaticFile(path: string, contentType: string, cacheControl: string): StaticFile {
  const encoded: StaticFile['encoded'] = {};
  for (const { name, suffix } of CODINGS) {
    if (existsSync(path + suffix)) encoded[name] = readFileSync(path + suffix);
  }
  return { body: readFileSync(path), encoded, contentType, cacheControl };
}

/**
 * The coding to answer with among `available`, or null for the plain bytes. A coding is acceptable
 * when the header lists it (or `*`) with a q-value above 0; the highest q wins, brotli on a tie.
 * Without the header nothing is encoded (a client that sends none may not decode anything).
 */
export function chooseCoding(acceptEncoding: string | undefined, available: readonly Coding[]): Coding | null {
  if (acceptEncoding === undefined || available.length === 0) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [token = '', ...params] = part.split(';').map((piece) => piece.trim());
    if (token === '') continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(token === 'x-gzip' ? 'gzip' : token, Number.isFinite(weight) ? weight : 0);
  }
  let best: Coding | null = null;
  let bestWeight = 0;
  for (const { name } of CODINGS) {
    if (!available.includes(name)) continue;
    const weight = weights.get(name) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [name, weight];
  }
  return best;
}

/** Answers a GET or HEAD with `file`, compressed when the request allows it. */
export function sendStaticFile(req: IncomingMessage, res: ServerResponse, file: StaticFile): void {
  const available = Object.keys(file.encoded) as Coding[];
  const coding = chooseCoding(req.headers['accept-encoding'], available);
  const body = coding === null ? file.body : file.encoded[coding]!;
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': body.length,
    'Cache-Control': file.cacheControl,
    ...(coding === null ? {} : { 'Content-Encoding': coding }),
    ...(available.length === 0 ? {} : { Vary: 'Accept-Encoding' }),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
