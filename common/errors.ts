// Turning whatever was thrown into the sentence a person reads.

/** The message of an `Error`, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
